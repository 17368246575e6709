// Tests of the local CA and server certificate: SAN, chain, key permissions, re-issue for a new host.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirPaths } from '../store/data-dir.js';
import { isVaultError } from '../store/errors.js';
import {
  createTls,
  ensureCertificateCovers,
  isLoopbackHost,
  loadTls,
  rotateTls,
  serverCertificateNames,
  TLS_VALIDITY_DAYS,
} from './tls.js';

function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`openssl ${args[0]}: ${String((error as { stderr?: string }).stderr ?? error)}`);
  }
}

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
    // The CA key lives in the owner directory beside the data dir, never where the server reads.
    expect(existsSync(paths.caKey)).toBe(false);
    expect(statSync(join(dir, '..', 'vault-owner', 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(paths.serverCertKey).mode & 0o777).toBe(0o600);
    expect(loadTls(dir)).toMatchObject({ caCertPath: paths.caCert });
  });

  it('adds a non-loopback --host to the SAN; a missing host needs `tls rotate`, which keeps the names', async () => {
    const dir = tempDir();
    await createTls(dir, { hosts: ['vault.internal'] });
    expect(serverCertificateNames(dir)).toEqual(['localhost', '127.0.0.1', '::1', 'vault.internal']);
    const before = readFileSync(dataDirPaths(dir).serverCert, 'utf8');
    await ensureCertificateCovers(dir, '127.0.0.5');
    await ensureCertificateCovers(dir, 'vault.internal');
    expect(readFileSync(dataDirPaths(dir).serverCert, 'utf8')).toBe(before);
    await expect(ensureCertificateCovers(dir, '10.1.2.3')).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: expect.stringContaining('ksmkit-vault tls rotate --host 10.1.2.3'),
    });
    const oldCa = readFileSync(dataDirPaths(dir).caCert, 'utf8');
    const rotated = await rotateTls(dir, { hosts: ['10.1.2.3'] });
    expect(rotated.names).toEqual(['localhost', '127.0.0.1', '::1', 'vault.internal', '10.1.2.3']);
    expect(readFileSync(dataDirPaths(dir).caCert, 'utf8')).not.toBe(oldCa);
    const cert = new X509Certificate(readFileSync(dataDirPaths(dir).serverCert));
    expect(cert.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(cert.checkHost('vault.internal')).toBe('vault.internal');
    expect(openssl(['verify', '-CAfile', dataDirPaths(dir).caCert, dataDirPaths(dir).serverCert])).toContain('OK');
  });

  it('limits the CA to the vault names and to a validity of about a year', async () => {
    const dir = tempDir();
    await createTls(dir, { hosts: ['vault.internal'] });
    const paths = dataDirPaths(dir);
    const ca = new X509Certificate(readFileSync(paths.caCert));
    const cert = new X509Certificate(readFileSync(paths.serverCert));
    for (const c of [ca, cert]) {
      const days = (Date.parse(c.validTo) - Date.now()) / 86_400_000;
      expect(days).toBeLessThanOrEqual(TLS_VALIDITY_DAYS);
      expect(days).toBeGreaterThan(TLS_VALIDITY_DAYS - 2);
    }
    const text = openssl(['x509', '-in', paths.caCert, '-noout', '-text']);
    expect(text).toMatch(/Name Constraints: critical/);
    expect(text).toContain('DNS:localhost');
    expect(text).toContain('DNS:vault.internal');
    expect(text).toContain('IP:127.0.0.0/255.0.0.0');
    // A certificate the CA key signs for any other name does not verify against the CA.
    const rogueKey = join(dir, 'rogue-key.pem');
    const rogueCsr = join(dir, 'rogue.csr');
    const rogue = join(dir, 'rogue.pem');
    const ext = join(dir, 'rogue.ext');
    writeFileSync(ext, 'subjectAltName=DNS:bank.example\n');
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', rogueKey]);
    openssl(['req', '-new', '-key', rogueKey, '-subj', '/CN=bank.example', '-out', rogueCsr]);
    const caKey = join(dir, '..', 'vault-owner', 'ca-key.pem');
    openssl([
      'x509',
      '-req',
      '-in',
      rogueCsr,
      '-CA',
      paths.caCert,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      rogue,
      '-days',
      '1',
      '-extfile',
      ext,
    ]);
    expect(() => openssl(['verify', '-CAfile', paths.caCert, rogue])).toThrow(/permitted subtree violation/);
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
