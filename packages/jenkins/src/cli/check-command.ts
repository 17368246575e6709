// `ksm-step check --spec FILE`: which secrets resolve, their kind and length class; never a value.
import { defineCommand } from 'citty';
import { checkSpec } from '../check.js';
import { loadSpec } from '../spec/load-spec.js';
import { STEP_EXIT } from './exit-codes.js';
import { contextFor, credentialArgs } from './shared-args.js';

/** `ksm-step check`. */
export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Resolve every secret of a spec and report kind and length class (no values)' },
  args: {
    spec: { type: 'string', required: true, description: 'withKsm spec file: JSON, YAML or Groovy map literal' },
    json: { type: 'boolean', description: 'Print JSON' },
    ...credentialArgs,
  },
  async run({ args }) {
    const { spec } = await loadSpec(args.spec);
    const { ok, problems } = await checkSpec(spec, contextFor(args['credentials-dir']));
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, secrets: ok, problems }, null, 2)}\n`);
    } else {
      for (const s of ok)
        process.stdout.write(`ok    ${s.where}  ${s.destination}:${s.target}  ${s.kind}  ${s.length}\n`);
      for (const problem of problems) process.stdout.write(`FAIL  ${problem}\n`);
      process.stdout.write(`${ok.length} secret(s) resolve, ${problems.length} problem(s)\n`);
    }
    if (problems.length > 0) process.exitCode = STEP_EXIT.ERR_RESOLVE ?? 5;
  },
});
