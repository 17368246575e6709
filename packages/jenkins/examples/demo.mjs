// Demo: a withKsm block against the demo vault — the command prints its secrets, the console shows ****.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vaultCli = join(dirname(require.resolve('@ksmkit/vault/package.json')), 'dist/cli/main.js');
const ksmStep = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ksm-step-demo-'));
const dataDir = join(dir, 'vault');

const vault = spawn(process.execPath, [vaultCli, 'demo', '--data-dir', dataDir, '--port', '0', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const ready = JSON.parse(
    await new Promise((resolve) => createInterface({ input: vault.stdout }).once('line', resolve)),
  );
  const minted = JSON.parse(
    execFileSync(
      process.execPath,
      [
        vaultCli,
        'client',
        'add',
        '--app',
        'demo',
        '--config-init',
        'b64',
        '--hostname',
        ready.hostname,
        '--json',
        '--data-dir',
        dataDir,
      ],
      { encoding: 'utf8' },
    ),
  );
  const spec = `withKsm(application: [
  [credentialsId: 'demo', secrets: [
    [destination: 'env',  envVar: 'DB_PASSWORD', filePath: '', notation: 'keeper://Postgres/field/password'],
    [destination: 'file', envVar: '', filePath: 'certs/db-ca.pem', notation: 'keeper://Postgres/file/db-ca.pem'],
  ]],
])`;
  writeFileSync(join(dir, 'withksm.groovy'), spec);
  const script = [
    'echo "plain:   $DB_PASSWORD"',
    'echo "base64:  $(printf %s "$DB_PASSWORD" | base64)"',
    'printf \'json:    {"password":"%s"}\\n\' "$DB_PASSWORD"',
    'echo "file:"; cat certs/db-ca.pem',
  ].join('\n');
  console.log(`$ ksm-step run --spec withksm.groovy -- sh -c '…'   (spec:\n${spec})\n`);
  execFileSync(process.execPath, [ksmStep, 'run', '--spec', 'withksm.groovy', '--', 'sh', '-c', script], {
    cwd: dir,
    stdio: 'inherit',
    env: { PATH: process.env.PATH, HOME: dir, KSM_CONFIG_DEMO: minted.config, NODE_EXTRA_CA_CERTS: ready.caCertPath },
  });
  console.log(`\nafter the block, certs/db-ca.pem exists: ${existsSync(join(dir, 'certs/db-ca.pem'))}`);
} finally {
  vault.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
