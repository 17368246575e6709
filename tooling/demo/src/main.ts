// The README's main job: the demo vault with its sample data, and every integration running against it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryOf, startNode, stopAll, stopLater } from './child.js';
import { runCiStep } from './ci-step.js';
import { startEdge } from './edge.js';
import { startMcp } from './mcp.js';
import { runSync } from './sync.js';

/** What `ksmkit-vault demo --json` prints when it serves. */
interface VaultReady {
  readonly dataDir: string;
  readonly url: string;
  readonly hostname: string;
  readonly token: string;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  readonly caCertPath: string;
}

const once = process.argv.includes('--once');
const port = (name: string, fallback: number): string => process.env[name] ?? String(once ? 0 : fallback);
const section = (title: string) =>
  process.stdout.write(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}\n`);
const dir = mkdtempSync(join(tmpdir(), 'ksmkit-demo-'));

try {
  const vaultBin = binaryOf('@ksmkit/vault', 'dist/cli/main.js');
  const dataDir =
    process.env.KSMKIT_DEMO_DATA_DIR ?? (once ? join(dir, 'vault') : join(homedir(), '.ksmkit', 'vault-demo'));
  section('Local KSM-compatible vault (apps/vault)');
  const { line } = await startNode(
    vaultBin,
    ['demo', '--json', '--data-dir', dataDir, '--port', port('KSMKIT_DEMO_PORT', 8443)],
    {
      isReady: (text) => text.startsWith('{') && text.includes('"ready"'),
    },
  );
  const vault = JSON.parse(line) as VaultReady;
  const minted = JSON.parse(
    execFileSync(
      process.execPath,
      [
        vaultBin,
        'client',
        'add',
        '--app',
        'demo',
        '--name',
        'demo integrations',
        '--config-init',
        'b64',
        '--unlock-ip',
        '--json',
        '--data-dir',
        dataDir,
      ],
      { encoding: 'utf8' },
    ),
  ) as { config: string };
  process.stdout.write(
    [
      `vault:              ${vault.url}   (data: ${vault.dataDir})`,
      `one-time token:     ${vault.token}   (single use; for the official SDK or \`ksm profile init\`)`,
      `hostname:           ${vault.hostname}`,
      `serverPublicKey:    ${vault.serverPublicKey}   (id ${vault.serverPublicKeyId})`,
      `CA certificate:     ${vault.caCertPath}   (export NODE_EXTRA_CA_CERTS=${vault.caCertPath})`,
      '',
    ].join('\n'),
  );

  section('CI step: withKsm through ksm-step (@ksmkit/jenkins)');
  const cleaned = runCiStep(join(dir, 'workspace'), minted.config);
  process.stdout.write(`after the block, the secret file is gone: ${cleaned}\n`);

  section('MCP server for AI agents (@ksmkit/mcp-server, Streamable HTTP)');
  const mcp = await startMcp(dir, minted.config, Number(port('KSMKIT_DEMO_MCP_PORT', 8787)));
  process.stdout.write(
    [
      `MCP endpoint:       ${mcp.url}`,
      `bearer token:       ${mcp.token}   (client "demo-agent", scopes read,use)`,
      `an agent's list_secrets sees: ${mcp.recordTitles.join(', ')}`,
      `an agent's get_field of keeper://Postgres/field/password sees: ${mcp.maskedPassword}`,
      '',
    ].join('\n'),
  );

  section('Sync to cloud vaults (@ksmkit/sync), into a local dotenv target');
  const sync = runSync(dir, minted.config);
  process.stdout.write(
    [
      `map file:           ${sync.mapFile}`,
      `ksm-sync plan:      ${sync.planned.join(', ')}   (hashes only, never values)`,
      `ksm-sync apply:     ${sync.firstWrites} write(s); apply again: ${sync.secondWrites} write(s)`,
      '',
    ].join('\n'),
  );

  section('Edge proxy: the Cloudflare Worker under wrangler dev (@ksmkit/edge-proxy)');
  const edge = await startEdge(dir);
  stopLater(() => edge.dev.stop());
  process.stdout.write(
    [
      `proxy:              ${edge.base}   (its own demo vault over plain HTTP: workerd cannot trust the local CA)`,
      `caller token:       ${edge.token}`,
      `  (scope keeper://${edge.recordUid}/*; resolving its title gave: ${edge.resolvedTitle})`,
      `try:  curl -s ${edge.base}/v1/resolve -H 'authorization: Bearer <caller token>' \\`,
      `        -H 'content-type: application/json' -d '{"notations":["keeper://${edge.recordUid}/field/password"]}'`,
      '',
    ].join('\n'),
  );

  if (once) {
    process.stdout.write('\nDemo checked (--once): stopping.\n');
  } else {
    process.stdout.write('\nEverything is running. Press Ctrl+C to stop.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
