// `ksmkit-mcp clients add|list|revoke`: bearer tokens for HTTP clients (the token is printed once, only its hash kept).
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { createClientStore, defaultClientsFile, parseDuration } from './client-store.js';
import { parseScopes } from './scopes.js';

const fileArg = {
  'clients-file': { type: 'string', description: 'Clients file (default ~/.config/ksmkit/mcp-clients.json)' },
  json: { type: 'boolean', description: 'Print JSON' },
} as const;

const storeFor = (file: string | undefined) => createClientStore(file ?? defaultClientsFile(process.env));

const usage = (message: string) => new UserError(message, { exitCode: 2, code: 'ERR_USAGE' });

const add = defineCommand({
  meta: { name: 'add', description: 'Register an MCP client and print its bearer token once' },
  args: {
    name: { type: 'positional', description: 'Client name (shown in audit lines)', required: true },
    scopes: { type: 'string', description: 'Comma-separated: read, reveal, use, write (default read)' },
    expires: { type: 'string', description: 'Lifetime: 7d, 12h, 30m or never (default 30d)' },
    ...fileArg,
  },
  async run({ args }) {
    let scopes: ReturnType<typeof parseScopes>;
    let expires: number | null;
    try {
      scopes = parseScopes(args.scopes ?? 'read');
      expires = parseDuration(args.expires ?? '30d');
    } catch (error) {
      throw usage((error as Error).message);
    }
    const { client, token } = await storeFor(args['clients-file']).add(args.name, scopes, expires);
    if (args.json === true) {
      process.stdout.write(
        `${JSON.stringify({ id: client.id, name: client.name, scopes, expiresAt: client.expiresAt, token })}\n`,
      );
      return;
    }
    process.stderr.write(
      `Client ${client.name} (${client.id}), scopes ${scopes.join(',')}, expires ${client.expiresAt ?? 'never'}.\n`,
    );
    process.stderr.write('The token below is shown once; store it in your MCP client config:\n');
    process.stdout.write(`${token}\n`);
  },
});

const listCommand = defineCommand({
  meta: { name: 'list', description: 'List registered clients (never tokens)' },
  args: fileArg,
  async run({ args }) {
    const clients = (await storeFor(args['clients-file']).list()).map(({ tokenHash: _h, ...c }) => c);
    if (args.json === true) {
      process.stdout.write(`${JSON.stringify(clients)}\n`);
      return;
    }
    for (const c of clients) {
      process.stdout.write(`${c.id}  ${c.name}  ${c.scopes.join(',')}  expires ${c.expiresAt ?? 'never'}\n`);
    }
  },
});

const revoke = defineCommand({
  meta: { name: 'revoke', description: 'Revoke a client by id or name (effective on its next request)' },
  args: { client: { type: 'positional', description: 'Client id or name', required: true }, ...fileArg },
  async run({ args }) {
    const removed = await storeFor(args['clients-file']).revoke(args.client);
    if (removed === 0) throw new UserError(`No client "${args.client}".`, { exitCode: 4, code: 'ERR_NOT_FOUND' });
    process.stderr.write(`Revoked ${removed} client(s).\n`);
  },
});

/** The clients command group. */
export const clientsCommand = defineCommand({
  meta: { name: 'clients', description: 'Bearer tokens of HTTP MCP clients' },
  subCommands: { add, list: listCommand, revoke },
});
