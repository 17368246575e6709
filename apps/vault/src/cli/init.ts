// `ksmkit-vault init`: create the data directory, owner keys, server key, local CA + certificate and settings.
import { defineCommand } from 'citty';
import { initVault } from '../owner/init-vault.js';
import { COMMON_ARGS, dataDirOf, numberFlag, ownerDirOf } from './common.js';
import { emit } from './output.js';

/** The `init` command. */
export const initCommand = defineCommand({
  meta: { name: 'init', description: 'Create a new vault (keys, local CA, settings) in the data directory' },
  args: {
    ...COMMON_ARGS,
    host: {
      type: 'string',
      description: 'Address `serve` listens on by default (default 127.0.0.1); added to the certificate',
    },
    port: { type: 'string', description: 'Port `serve` listens on by default (default 8443)' },
    'key-id': { type: 'string', description: 'Numeric server public key id (default 20; never 1-18)' },
    'if-needed': { type: 'boolean', description: 'Succeed without changes when the vault already exists' },
  },
  async run({ args }) {
    const result = await initVault(dataDirOf(args), {
      ...(args.host === undefined ? {} : { host: args.host }),
      ...(args.port === undefined ? {} : { port: numberFlag(args.port, 'port') as number }),
      ...(args['key-id'] === undefined ? {} : { keyId: numberFlag(args['key-id'], 'key-id') as number }),
      ifNeeded: args['if-needed'] === true,
      ...(ownerDirOf(args) === undefined ? {} : { ownerDir: ownerDirOf(args) as string }),
    });
    emit(args.json, result, () =>
      [
        result.created ? `Initialised a vault in ${result.dataDir}` : `A vault already exists in ${result.dataDir}`,
        `  owner directory:    ${result.ownerDir} (owner keys and CA key: keep it private; serve never reads it)`,
        `  CA certificate:     ${result.caCertPath}`,
        `  server public key:  ${result.serverPublicKey}`,
        `  server key id:      ${result.serverPublicKeyId}`,
        'Next: ksmkit-vault app create <name>, folder create <name>, record add …, share add …, client add --app <name>, serve',
      ].join('\n'),
    );
  },
});
