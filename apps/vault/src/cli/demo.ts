// `ksmkit-vault demo`: init + demo data + a fresh token + serve, then print how to connect (`--once`: verify and stop).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { listAppSummaries } from '../owner/apps.js';
import { addClients, removeClients } from '../owner/clients.js';
import { DEMO_APP, demoSeed } from '../owner/demo-data.js';
import { initVault } from '../owner/init-vault.js';
import { probeGetSecret } from '../owner/probe.js';
import { applySeed } from '../owner/seed.js';
import { closeOwnerSession, openOwnerSession } from '../owner/session.js';
import { VaultError } from '../store/errors.js';
import { numberFlag } from './common.js';
import { startAndDescribe } from './serve.js';

/** The `demo` command. */
export const demoCommand = defineCommand({
  meta: { name: 'demo', description: 'Start a demo vault with sample data and print how to connect to it' },
  args: {
    'data-dir': { type: 'string', description: 'Demo data directory (default ~/.ksmkit/vault-demo)' },
    json: { type: 'boolean', description: 'Print one JSON line instead of text' },
    port: { type: 'string', description: 'Port (default 8443; 0 = any free port)' },
    host: { type: 'string', description: 'Listen address (default 127.0.0.1)' },
    http: {
      type: 'boolean',
      description: 'Plain HTTP instead of HTTPS (loopback only; for workerd, which cannot trust the local CA)',
    },
    once: { type: 'boolean', description: 'Start, print, verify with a real request, stop (for scripts)' },
    'exit-after-ready': { type: 'boolean', description: 'Same as --once' },
  },
  async run({ args }) {
    const flag = args['data-dir'];
    const dataDir = resolve(flag !== undefined && flag !== '' ? flag : join(homedir(), '.ksmkit', 'vault-demo'));
    await initVault(dataDir, { ifNeeded: true });
    const session = await openOwnerSession(dataDir);
    let seeded = false;
    try {
      if (!(await listAppSummaries(session)).some((app) => app.title === DEMO_APP)) {
        await applySeed(session, demoSeed());
        seeded = true;
      }
    } finally {
      closeOwnerSession(session);
    }
    const port = numberFlag(args.port, 'port') ?? 8443;
    const { ready, stop } = await startAndDescribe(dataDir, {
      port,
      ...(args.host === undefined ? {} : { host: args.host }),
      http: args.http === true,
    });
    const once = args.once === true || args['exit-after-ready'] === true;
    try {
      const owner = await openOwnerSession(dataDir);
      let token: string;
      let verified: { recordTitles: readonly string[] } | null = null;
      try {
        const connection = {
          hostname: ready.hostname,
          serverPublicKey: ready.serverPublicKey,
          serverPublicKeyId: ready.serverPublicKeyId,
        };
        const [minted] = await addClients(owner, { app: DEMO_APP, name: 'demo device' }, connection);
        token = minted?.token as string;
        if (once) {
          const [probe] = await addClients(
            owner,
            { app: DEMO_APP, name: 'demo self-check', configInit: true, unlockIp: true },
            connection,
          );
          try {
            verified = await probeGetSecret(
              ready.url,
              probe?.config ?? {},
              ready.caCertPath === null ? undefined : readFileSync(ready.caCertPath, 'utf8'),
            );
          } finally {
            await removeClients(owner, { refs: [probe?.clientId as string] });
          }
          if (verified.recordTitles.length === 0)
            throw new VaultError('ERR_SERVER_START', 'The demo vault answered without records');
        }
      } finally {
        closeOwnerSession(owner);
      }
      const info = {
        event: 'ready',
        dataDir,
        seeded,
        app: DEMO_APP,
        token,
        ...ready,
        ...(verified === null ? {} : { verified }),
      };
      process.stdout.write(args.json === true ? `${JSON.stringify(info)}\n` : `${howToConnect(info)}\n`);
      if (once) return;
      await new Promise<void>((done) => {
        const onSignal = () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          done();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
    } finally {
      await stop();
    }
  },
});

function howToConnect(info: {
  dataDir: string;
  token: string;
  hostname: string;
  url: string;
  serverPublicKey: string;
  serverPublicKeyId: number;
  caCertPath: string | null;
  verified?: { recordTitles: readonly string[] };
}): string {
  return [
    `ksmkit demo vault running at ${info.url} (data: ${info.dataDir})`,
    info.verified === undefined ? '' : `Self-check OK: the app sees ${info.verified.recordTitles.join(', ')}`,
    '',
    `  one-time token:     ${info.token}   (single use, valid 60 minutes)`,
    `  hostname:           ${info.hostname}`,
    `  serverPublicKey:    ${info.serverPublicKey}`,
    `  serverPublicKeyId:  ${info.serverPublicKeyId}`,
    `  CA certificate:     ${info.caCertPath}`,
    '',
    `Trust the CA:  export NODE_EXTRA_CA_CERTS=${info.caCertPath}`,
    '',
    'Official SDK (@keeper-security/secrets-manager-core):',
    "  const storage = localConfigStorage('ksm-config.json')",
    `  await initializeStorage(storage, '${info.token}', '${info.hostname}')`,
    `  const { records } = await getSecrets({ storage, serverPublicKey: '${info.serverPublicKey}', serverPublicKeyId: '${info.serverPublicKeyId}' })`,
    '',
    'ksmkit: use the same token, hostname, serverPublicKey and serverPublicKeyId.',
    `More tokens: ksmkit-vault client add --app demo --data-dir ${info.dataDir}`,
    info.verified === undefined ? 'Press Ctrl+C to stop.' : '',
  ]
    .filter((line, index, lines) => !(line === '' && lines[index - 1] === ''))
    .join('\n');
}
