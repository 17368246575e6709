// TLS for `serve`: a local CA and a server certificate (P-256) created at `init`, private keys 0600.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { dataDirPaths, ensureDataDir, writeFileAtomic } from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;
const DAY_MS = 86_400_000;

x509.cryptoProvider.set(globalThis.crypto);

/** PEM material `serve` passes to `https.createServer`, and the CA path clients trust. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  readonly caCertPath: string;
}

/**
 * True for `localhost`, any 127.x.y.z address and `::1`.
 *
 * @example
 * isLoopbackHost('127.0.0.2'); // true
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * Creates the local CA and a server certificate whose SAN holds localhost, 127.0.0.1, ::1 and every extra
 * host given. Writes tls/ca.pem, tls/ca-key.pem, tls/server.pem, tls/server-key.pem (keys 0600).
 *
 * @example
 * await createTls(dataDir, { hosts: ['vault.internal'] });
 */
export async function createTls(dataDir: string, options: { readonly hosts?: readonly string[] } = {}): Promise<void> {
  const paths = ensureDataDir(dataDir);
  const caKeys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=ksmkit-vault local CA',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  writeFileAtomic(paths.caKey, await privateKeyPem(caKeys.privateKey), 0o600);
  writeFileAtomic(paths.caCert, ca.toString('pem'), 0o644);
  await issueServerCertificate(dataDir, options.hosts ?? []);
}

/**
 * Issues (or re-issues) the server certificate with the local CA; SAN = loopback names + `hosts`.
 *
 * @example
 * await issueServerCertificate(dataDir, ['192.168.1.5']);
 */
export async function issueServerCertificate(dataDir: string, hosts: readonly string[]): Promise<void> {
  const paths = dataDirPaths(dataDir);
  const caCert = new x509.X509Certificate(readText(paths.caCert));
  const caKey = await crypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(readText(paths.caKey)),
    ALGORITHM,
    false,
    ['sign'],
  );
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = [...new Set([...LOOPBACK_NAMES, ...hosts.map((host) => host.replace(/^\[|\]$/g, ''))])];
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=ksmkit-vault',
    issuer: caCert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 825 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((name) => ({ type: isIP(name) === 0 ? ('dns' as const) : ('ip' as const), value: name })),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  writeFileAtomic(paths.serverCertKey, await privateKeyPem(keys.privateKey), 0o600);
  writeFileAtomic(paths.serverCert, cert.toString('pem'), 0o644);
}

/**
 * The names in the server certificate's SAN.
 *
 * @example
 * serverCertificateNames(dataDir); // ['localhost', '127.0.0.1', '::1']
 */
export function serverCertificateNames(dataDir: string): string[] {
  const cert = new x509.X509Certificate(readText(dataDirPaths(dataDir).serverCert));
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  return san === null ? [] : san.names.items.map((item) => item.value);
}

/**
 * Re-issues the server certificate when `host` (not loopback, not `0.0.0.0`/`::`) is missing from its SAN.
 *
 * @example
 * await ensureCertificateCovers(dataDir, '192.168.1.5');
 */
export async function ensureCertificateCovers(dataDir: string, host: string): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isLoopbackHost(bare) || bare === '0.0.0.0' || bare === '::' || bare === '') return;
  const names = serverCertificateNames(dataDir);
  if (names.includes(bare)) return;
  await issueServerCertificate(dataDir, [...names.filter((name) => !LOOPBACK_NAMES.includes(name as never)), bare]);
}

/**
 * Loads the server certificate, its key and the CA certificate. Throws `ERR_NOT_INITIALIZED` when missing.
 *
 * @example
 * const { cert, key } = loadTls(dataDir); https.createServer({ cert, key }, handler);
 */
export function loadTls(dataDir: string): TlsMaterial {
  const paths = dataDirPaths(dataDir);
  return {
    cert: readText(paths.serverCert),
    key: readText(paths.serverCertKey),
    ca: readText(paths.caCert),
    caCertPath: paths.caCert,
  };
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VaultError('ERR_NOT_INITIALIZED', `${path} is missing; run \`ksmkit-vault init\` first`, { path });
    }
    throw error;
  }
}
