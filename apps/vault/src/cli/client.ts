// `ksmkit-vault client add|list|remove`: one-time tokens (or pre-bound configs) for an application's devices.
import { defineCommand } from 'citty';
import { addClients, listClientSummaries, removeClients } from '../owner/clients.js';
import { connectionInfo } from '../owner/connection.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, dataDirOf, numberFlag, positionals, withSession } from './common.js';
import { emit, table, when } from './output.js';

const add = defineCommand({
  meta: { name: 'add', description: 'Mint one-time access tokens for an application: client add --app NAME' },
  args: {
    ...COMMON_ARGS,
    app: { type: 'string', description: 'Application (name or UID)' },
    name: { type: 'string', description: 'Device name (default: the application name)' },
    'unlock-ip': { type: 'boolean', description: 'Do not lock the device to the first IP address that uses it' },
    'first-access-expires-in-min': { type: 'string', description: 'Minutes an unused token stays valid (default 60)' },
    'access-expire-in-min': {
      type: 'string',
      description: 'Device access lifetime in minutes after first use (default: none)',
    },
    count: { type: 'string', description: 'How many tokens (default 1)' },
    'config-init': { type: 'string', description: 'Print a ready, already bound device config instead: json or b64' },
    hostname: {
      type: 'string',
      description: 'host:port devices connect to (default: the running server, else settings)',
    },
  },
  async run({ args }) {
    if (args.app === undefined)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Say which application: client add --app NAME');
    const format = args['config-init'];
    if (format !== undefined && format !== 'json' && format !== 'b64') {
      throw new VaultError('ERR_INVALID_ARGUMENT', '--config-init takes json or b64, e.g. --config-init json', {
        format,
      });
    }
    const dataDir = dataDirOf(args);
    const connection = await connectionInfo(dataDir, args.hostname);
    const minted = await withSession(args, (session) =>
      addClients(
        session,
        {
          app: args.app as string,
          ...(args.name === undefined ? {} : { name: args.name }),
          unlockIp: args['unlock-ip'] === true,
          ...optional(
            'firstAccessExpiresInMin',
            numberFlag(args['first-access-expires-in-min'], 'first-access-expires-in-min'),
          ),
          ...optional('accessExpireInMin', numberFlag(args['access-expire-in-min'], 'access-expire-in-min')),
          ...optional('count', numberFlag(args.count, 'count')),
          configInit: format !== undefined,
        },
        connection,
      ),
    );
    const clients = minted.map((client) => ({
      clientId: client.clientId,
      name: client.name,
      ...(client.token === undefined ? {} : { token: client.token, tokenExpiresAt: client.tokenExpiresAt }),
      ...(client.config === undefined
        ? {}
        : { config: format === 'b64' ? Buffer.from(JSON.stringify(client.config)).toString('base64') : client.config }),
    }));
    const first = clients[0];
    emit(args.json, { ...first, ...connection, clients }, () => {
      if (format !== undefined) {
        return clients
          .map((client) => (typeof client.config === 'string' ? client.config : JSON.stringify(client.config, null, 2)))
          .join('\n');
      }
      return [
        ...clients.map(
          (client) => `One-time token (${client.name}, valid until ${when(client.tokenExpiresAt)}): ${client.token}`,
        ),
        `hostname: ${connection.hostname}`,
        `serverPublicKey: ${connection.serverPublicKey}  serverPublicKeyId: ${connection.serverPublicKeyId}`,
        `trust the CA: NODE_EXTRA_CA_CERTS=${connection.caCertPath}`,
      ].join('\n');
    });
  },
});

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

const list = defineCommand({
  meta: { name: 'list', description: 'List devices' },
  args: { ...COMMON_ARGS, app: { type: 'string', description: 'Only this application (name or UID)' } },
  async run({ args }) {
    const clients = await withSession(args, (session) =>
      listClientSummaries(session, args.app === undefined ? {} : { app: args.app }),
    );
    emit(args.json, { clients }, () =>
      table(
        ['CLIENT ID', 'NAME', 'APP', 'STATUS', 'IP', 'LAST SEEN'],
        clients.map((c) => [
          c.clientId.slice(0, 12),
          c.name,
          c.appUid,
          c.status,
          c.unlockIp ? 'unlocked' : c.lockedIp,
          when(c.lastSeenAt),
        ]),
      ),
    );
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Remove devices by client id (or 8+ character prefix) or name' },
  args: {
    ...COMMON_ARGS,
    client: { type: 'positional', description: 'Client id, prefix or name', required: false },
    app: { type: 'string', description: 'Only look in this application' },
  },
  async run({ args }) {
    const refs = positionals(args);
    if (refs.length === 0) throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the device(s): client remove ID|NAME…');
    const { clientIds } = await withSession(args, (session) =>
      removeClients(session, { refs, ...(args.app === undefined ? {} : { app: args.app }) }),
    );
    emit(args.json, { removed: clientIds }, () => `Removed ${clientIds.length} device(s)`);
  },
});

/** The `client` command group. */
export const clientCommand = defineCommand({
  meta: { name: 'client', description: 'Manage devices (one-time tokens)' },
  subCommands: { add, list, remove },
});
