// `ksmkit-vault seed FILE`: apply a JSON/YAML seed file in one transaction; `--json` prints the created UIDs.
import { defineCommand } from 'citty';
import { seedFromFile } from '../owner/seed.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, positionals, withSession } from './common.js';
import { emit } from './output.js';

/** The `seed` command. */
export const seedCommand = defineCommand({
  meta: { name: 'seed', description: 'Create folders, records, apps and shares from a JSON or YAML file' },
  args: { ...COMMON_ARGS, file: { type: 'positional', description: 'Seed file (.json, .yaml)', required: false } },
  async run({ args }) {
    const file = positionals(args)[0];
    if (file === undefined) throw new VaultError('ERR_INVALID_ARGUMENT', 'Give the seed file: seed FILE.yaml');
    const result = await withSession(args, (session) => seedFromFile(session, file));
    emit(
      args.json,
      result,
      () =>
        `Seeded ${Object.keys(result.folders).length} folder(s), ${Object.keys(result.records).length} record(s), ${Object.keys(result.apps).length} app(s)`,
    );
  },
});
