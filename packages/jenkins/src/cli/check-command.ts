// `ksm-step check --spec FILE`: which secrets resolve, their kind and length class; never a value.
import { defineCommand } from 'citty';
import { checkSpec } from '../check.js';
import { loadSpec } from '../spec/load-spec.js';
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
    const checked = await checkSpec(spec, contextFor(args['credentials-dir']));
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, secrets: checked }, null, 2)}\n`);
      return;
    }
    for (const s of checked)
      process.stdout.write(`ok  ${s.where}  ${s.destination}:${s.target}  ${s.kind}  ${s.length}\n`);
    process.stdout.write(`${checked.length} secret(s) resolve\n`);
  },
});
