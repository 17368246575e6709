// Tests of the local CA and server certificate: SAN, chain, key permissions, re-issue for a new host.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirPaths } from '../store/data-dir.js';
import { isVaultError } from '../store/errors.js';
import { createTls, ensureCertificateCovers, isLoopbackHost, loadTls, serverCertificateNames } from './tls.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'vault-tls-')), 'vault');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('createTls', () => {
  it('issues a CA-signed P-256 server certificate for the loopback names, keys 0600', async () => {
    const dir = tempDir();
    await createTls(dir);
    const paths = dataDirPaths(dir);
    const ca = new X509Certificate(readFileSync(paths.caCert));
    const cert = new X509Certificate(readFileSync(paths.serverCert));
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(statSync(paths.caKey).mode & 0o777).toBe(0o600);
    expect(statSync(paths.serverCertKey).mode & 0o777).toBe(0o600);
    expect(loadTls(dir)).toMatchObject({ caCertPath: paths.caCert });
  });

  it('adds a non-loopback --host to the SAN and re-issues only when a host is missing', async () => {
    const dir = tempDir();
    await createTls(dir, { hosts: ['vault.internal'] });
    expect(serverCertificateNames(dir)).toEqual(['localhost', '127.0.0.1', '::1', 'vault.internal']);
    const before = readFileSync(dataDirPaths(dir).serverCert, 'utf8');
    await ensureCertificateCovers(dir, '127.0.0.5');
    await ensureCertificateCovers(dir, 'vault.internal');
    expect(readFileSync(dataDirPaths(dir).serverCert, 'utf8')).toBe(before);
    await ensureCertificateCovers(dir, '10.1.2.3');
    const cert = new X509Certificate(readFileSync(dataDirPaths(dir).serverCert));
    expect(cert.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(cert.checkHost('vault.internal')).toBe('vault.internal');
  });

  it('reports a missing certificate as ERR_NOT_INITIALIZED', () => {
    try {
      loadTls(tempDir());
      expect.unreachable();
    } catch (error) {
      expect(isVaultError(error, 'ERR_NOT_INITIALIZED')).toBe(true);
    }
  });
});

describe('isLoopbackHost', () => {
  it('accepts localhost, 127/8 and ::1 only', () => {
    expect(['localhost', '127.0.0.1', '127.0.0.2', '::1', '[::1]'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '10.0.0.1', 'example.com', '::'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});
