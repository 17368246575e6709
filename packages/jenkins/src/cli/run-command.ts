// `ksm-step run`, and the open / exec / close trio the Jenkins library uses for a block with several steps.
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { runBlock } from '../block/run-block.js';
import { closeSession, execInSession, openSession } from '../block/session.js';
import { loadSpec } from '../spec/load-spec.js';
import { commandAfterDashes, contextFor, credentialArgs } from './shared-args.js';

const specArgs = {
  spec: {
    type: 'string',
    required: true,
    description: 'withKsm spec file: JSON, YAML or the Groovy map literal (- for stdin)',
  },
  workspace: { type: 'string', description: 'Directory secret files are written into (default: current directory)' },
  'inject-config': {
    type: 'boolean',
    description: 'Also give the block each credential config as KSM_CONFIG_BASE64_<n>',
  },
  ...credentialArgs,
} as const;

function needCommand(command: readonly string[], name: string): void {
  if (command.length === 0)
    throw new UserError(`Give the command after --, e.g. ksm-step ${name} -- ./deploy.sh`, { exitCode: 2 });
}

const io = () => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

/** `ksm-step run --spec FILE [--workspace DIR] -- CMD ARGS…`. */
export const runCommand = defineCommand({
  meta: {
    name: 'run',
    description: 'Run CMD with the spec’s secrets in env vars and files, output masked, then clean up',
  },
  args: specArgs,
  async run({ args, rawArgs }) {
    const command = commandAfterDashes(rawArgs);
    needCommand(command, 'run --spec FILE');
    const { spec } = await loadSpec(args.spec);
    process.exitCode = await runBlock(spec, {
      ...io(),
      workspace: args.workspace ?? process.cwd(),
      context: contextFor(args['credentials-dir']),
      injectConfig: args['inject-config'],
      command,
    });
  },
});

/** `ksm-step open --spec FILE --session DIR`. */
export const openCommand = defineCommand({
  meta: {
    name: 'open',
    description: 'Open a block: resolve the spec, write its files, keep it in a session directory',
  },
  args: { ...specArgs, session: { type: 'string', required: true, description: 'Session directory to create (0700)' } },
  async run({ args }) {
    const { spec } = await loadSpec(args.spec);
    await openSession(args.session, spec, {
      workspace: args.workspace ?? process.cwd(),
      context: contextFor(args['credentials-dir']),
      injectConfig: args['inject-config'],
    });
  },
});

/** `ksm-step exec --session DIR -- CMD ARGS…`. */
export const execCommand = defineCommand({
  meta: { name: 'exec', description: 'Run CMD inside an open block (its env vars, output masked)' },
  args: { session: { type: 'string', required: true, description: 'Session directory made by ksm-step open' } },
  async run({ args, rawArgs }) {
    const command = commandAfterDashes(rawArgs);
    needCommand(command, 'exec --session DIR');
    process.exitCode = await execInSession(args.session, command, io());
  },
});

/** `ksm-step close --session DIR`. */
export const closeCommand = defineCommand({
  meta: { name: 'close', description: 'Close a block: remove its files, the directories it made and the session' },
  args: { session: { type: 'string', required: true, description: 'Session directory made by ksm-step open' } },
  run({ args }) {
    for (const path of closeSession(args.session))
      process.stderr.write(`ksm-step: warning: could not remove ${path}\n`);
  },
});
