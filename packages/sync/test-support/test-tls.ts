// Test support: a throwaway CA and a 127.0.0.1 server certificate made with openssl, for HTTPS fakes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM texts of a test CA and a server key pair it signed for 127.0.0.1 / localhost. */
export interface TestTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * Makes a fresh CA and server certificate (EC P-256, one day) for 127.0.0.1, localhost and `names`, in a temporary
 * directory it then removes.
 *
 * @example
 * const tls = makeTestTls();
 * createServer({ cert: tls.cert, key: tls.key }, handler);
 */
export function makeTestTls(names: readonly string[] = []): TestTls {
  const dir = mkdtempSync(join(tmpdir(), 'ksm-sync-tls-'));
  const at = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  try {
    ssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ca.key'));
    ssl(
      'req',
      '-x509',
      '-new',
      '-key',
      at('ca.key'),
      '-days',
      '1',
      '-subj',
      '/CN=ksm-sync test CA',
      '-out',
      at('ca.pem'),
    );
    ssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('server.key'));
    ssl('req', '-new', '-key', at('server.key'), '-subj', '/CN=127.0.0.1', '-out', at('server.csr'));
    writeFileSync(
      at('ext.cnf'),
      `subjectAltName=${['IP:127.0.0.1', 'DNS:localhost', ...names.map((n) => `DNS:${n}`)].join(',')}\nbasicConstraints=CA:FALSE\n`,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      at('server.csr'),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      at('ext.cnf'),
      '-out',
      at('server.pem'),
    );
    return {
      ca: readFileSync(at('ca.pem'), 'utf8'),
      cert: readFileSync(at('server.pem'), 'utf8'),
      key: readFileSync(at('server.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
