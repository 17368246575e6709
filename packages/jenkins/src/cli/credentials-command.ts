// `ksm-step credentials add|replace|validate|list|remove`: the plugin's "Keeper Secrets Manager" credential kind.
import { readFile } from 'node:fs/promises';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import {
  addCredential,
  listCredentials,
  removeCredential,
  replaceCredential,
  validateCredential,
} from '../credentials/index.js';
import { readStdin } from '../read-stdin.js';
import { contextFor, credentialArgs } from './shared-args.js';

const idArg = { id: { type: 'positional', required: true, description: 'Credential id (the credentialsId)' } } as const;

const add = defineCommand({
  meta: {
    name: 'add',
    description: 'Bind a one-time access token and store the device config (0600); the token is forgotten',
  },
  args: {
    ...idArg,
    token: { type: 'string', description: 'One-time access token (default $KSM_STEP_TOKEN; - reads stdin)' },
    host: { type: 'string', description: 'Region or host, e.g. US, EU, vault.example.com:8443' },
    'server-public-key': { type: 'string', description: 'Custom server public key (self-hosted)' },
    'server-public-key-id': { type: 'string', description: 'Id of the custom server key' },
    'ca-cert': { type: 'string', description: 'PEM CA certificate file of a self-hosted server' },
    force: { type: 'boolean', description: 'Replace an existing credential with this id' },
    ...credentialArgs,
  },
  async run({ args }) {
    let token = args.token === '-' ? await readStdin() : (args.token ?? process.env.KSM_STEP_TOKEN ?? '');
    token = token.trim();
    if (token === '')
      throw new UserError('No one-time token: pass --token, --token - (stdin) or set KSM_STEP_TOKEN', { exitCode: 2 });
    const caCertificate = args['ca-cert'] === undefined ? undefined : await readFile(args['ca-cert'], 'utf8');
    const { path, records } = await addCredential(
      args.id,
      token,
      {
        hostname: args.host,
        serverPublicKey: args['server-public-key'],
        serverPublicKeyId: args['server-public-key-id'],
        caCertificate,
      },
      contextFor(args['credentials-dir']),
      args.force,
    );
    process.stdout.write(`Credential ${args.id} stored in ${path} (${records} record(s) visible)\n`);
  },
});

const replace = defineCommand({
  meta: { name: 'replace', description: 'Replace the stored config (JSON or base64 from FILE, or - for stdin)' },
  args: {
    ...idArg,
    config: { type: 'string', required: true, description: 'Config file, or - for stdin' },
    ...credentialArgs,
  },
  async run({ args }) {
    const text = args.config === '-' ? await readStdin() : await readFile(args.config, 'utf8');
    const { path, records } = await replaceCredential(args.id, text, contextFor(args['credentials-dir']));
    process.stdout.write(`Credential ${args.id} replaced in ${path} (${records} record(s) visible)\n`);
  },
});

const validate = defineCommand({
  meta: { name: 'validate', description: 'Check that a credential works (one request)' },
  args: { ...idArg, ...credentialArgs },
  async run({ args }) {
    const { source, records } = await validateCredential(args.id, contextFor(args['credentials-dir']));
    process.stdout.write(`Credential ${args.id} is valid (${source}; ${records} record(s) visible)\n`);
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List stored credentials and KSM_CONFIG_<ID> variables (names only)' },
  args: { json: { type: 'boolean', description: 'Print JSON' }, ...credentialArgs },
  async run({ args }) {
    const found = await listCredentials(contextFor(args['credentials-dir']));
    if (args.json) process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    else for (const { id, source } of found) process.stdout.write(`${id}\t${source}\n`);
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Delete a stored credential' },
  args: { ...idArg, ...credentialArgs },
  async run({ args }) {
    const path = await removeCredential(args.id, contextFor(args['credentials-dir']));
    process.stdout.write(`Removed ${path}\n`);
  },
});

/** `ksm-step credentials …`. */
export const credentialsCommand = defineCommand({
  meta: { name: 'credentials', description: 'Manage Keeper Secrets Manager credentials (device configs) by id' },
  subCommands: { add, replace, validate, list, remove },
});
