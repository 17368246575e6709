// The CI step of the demo: a `withKsm` block through `ksm-step run`; the command prints secrets, the console masks them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryOf } from './child.js';

/** The Jenkinsfile's `withKsm(...)` call, as a user copies it (notations by record title). */
const SPEC = `withKsm(application: [
  [credentialsId: 'demo', secrets: [
    [destination: 'env',  envVar: 'DB_PASSWORD', filePath: '', notation: 'keeper://Postgres/field/password'],
    [destination: 'file', envVar: '', filePath: 'certs/db-ca.pem', notation: 'keeper://Postgres/file/db-ca.pem'],
  ]],
])`;

/** What the block runs: the password plainly, as base64 and inside JSON, and the file. */
const SCRIPT = [
  'echo "plain:   $DB_PASSWORD"',
  'echo "base64:  $(printf %s "$DB_PASSWORD" | base64)"',
  'printf \'json:    {"password":"%s"}\\n\' "$DB_PASSWORD"',
  'echo "file:    $(head -1 certs/db-ca.pem)"',
].join('\n');

/**
 * Runs the block in `workspace` with the device config in `KSM_CONFIG_DEMO` (as a CI secret provides it) and
 * returns whether the secret file is gone afterwards.
 *
 * @example
 * runCiStep('/tmp/ws', config);
 */
export function runCiStep(workspace: string, config: string): boolean {
  mkdirSync(workspace, { recursive: true, mode: 0o700 });
  writeFileSync(join(workspace, 'withksm.groovy'), SPEC);
  process.stdout.write(`$ ksm-step run --spec withksm.groovy -- sh -c '…'\n`);
  execFileSync(
    process.execPath,
    [binaryOf('@ksmkit/jenkins', 'dist/cli/main.js'), 'run', '--spec', 'withksm.groovy', '--', 'sh', '-c', SCRIPT],
    { cwd: workspace, stdio: 'inherit', env: { PATH: process.env.PATH, HOME: workspace, KSM_CONFIG_DEMO: config } },
  );
  return !existsSync(join(workspace, 'certs/db-ca.pem'));
}
