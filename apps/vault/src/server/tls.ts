// TLS for `serve`: a local CA and a server certificate (P-256) created at `init`, private keys 0600.
import 'reflect-metadata';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  assertPrivateFile,
  dataDirPaths,
  ensureDataDir,
  ensurePrivateDir,
  writeFileAtomic,
} from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';
import { ownerDirPaths } from '../store/owner-dir.js';
import { NAME_CONSTRAINTS_OID, nameConstraintsDer } from './name-constraints.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;
const DAY_MS = 86_400_000;
/** Validity of the local CA and of the server certificate; `ksmkit-vault tls rotate` renews both. */
export const TLS_VALIDITY_DAYS = 397;
/** What the CA may vouch for besides the configured hosts. */
const LOOPBACK_SUBTREES = ['localhost', '127.0.0.0/8', '::1'] as const;

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

/** Options of `createTls`. */
export interface CreateTlsOptions {
  /** Extra names (DNS names or IPs) for the certificate, beside the loopback names. */
  readonly hosts?: readonly string[];
  /** Where the CA key goes (default: see `resolveOwnerDir`). */
  readonly ownerDir?: string;
}

function bareHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((host) => host.replace(/^\[|\]$/g, '')).filter((host) => host !== ''))];
}

/**
 * Creates a local CA and a server certificate whose SAN holds localhost, 127.0.0.1, ::1 and every extra host.
 * The CA is name-constrained to those names (plus 127.0.0.0/8), valid {@link TLS_VALIDITY_DAYS} days, and its
 * key goes to the owner directory (0600), which the server never reads. Writes tls/ca.pem, tls/server.pem and
 * tls/server-key.pem (0600) in the data directory.
 *
 * @example
 * await createTls(dataDir, { hosts: ['vault.internal'] });
 */
export async function createTls(dataDir: string, options: CreateTlsOptions = {}): Promise<void> {
  const paths = ensureDataDir(dataDir);
  const owner = ownerDirPaths(dataDir, options.ownerDir);
  const caKeyPath = join(owner.root, 'ca-key.pem');
  const hosts = bareHosts(options.hosts ?? []);
  const caKeys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=ksmkit-vault local CA',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + TLS_VALIDITY_DAYS * DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension(NAME_CONSTRAINTS_OID, true, nameConstraintsDer([...LOOPBACK_SUBTREES, ...hosts])),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  ensurePrivateDir(owner.root);
  writeFileAtomic(caKeyPath, await privateKeyPem(caKeys.privateKey), 0o600);
  writeFileAtomic(paths.caCert, ca.toString('pem'), 0o644);
  // A CA key left in the data directory by an older vault is superseded: remove it from the server's reach.
  if (caKeyPath !== paths.caKey) rmSync(paths.caKey, { force: true });
  await issueServerCertificate(dataDir, hosts, options.ownerDir);
}

/**
 * Issues (or re-issues) the server certificate with the local CA (its key from the owner directory); SAN =
 * loopback names + `hosts`; valid as long as the CA.
 *
 * @example
 * await issueServerCertificate(dataDir, ['192.168.1.5']);
 */
export async function issueServerCertificate(
  dataDir: string,
  hosts: readonly string[],
  ownerDir?: string,
): Promise<void> {
  const paths = dataDirPaths(dataDir);
  const caKeyPath = ownerDirPaths(dataDir, ownerDir).caKey;
  assertPrivateFile(caKeyPath);
  const caCert = new x509.X509Certificate(readText(paths.caCert));
  const caKey = await crypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(readText(caKeyPath)),
    ALGORITHM,
    false,
    ['sign'],
  );
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = [...new Set([...LOOPBACK_NAMES, ...bareHosts(hosts)])];
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=ksmkit-vault',
    issuer: caCert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(Math.min(now + TLS_VALIDITY_DAYS * DAY_MS, caCert.notAfter.getTime())),
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
 * Renews the local CA and the server certificate (new keys, fresh validity), keeping the names the certificate
 * covers and adding `hosts`. Clients must trust the new tls/ca.pem afterwards.
 *
 * @example
 * const { names, notAfter } = await rotateTls(dataDir, { hosts: ['vault.internal'] });
 */
export async function rotateTls(
  dataDir: string,
  options: CreateTlsOptions = {},
): Promise<{ caCertPath: string; names: string[]; notAfter: string }> {
  const paths = dataDirPaths(dataDir);
  const kept = existsSync(paths.serverCert) ? serverCertificateNames(dataDir) : [];
  const extra = [...kept, ...(options.hosts ?? [])].filter((name) => !LOOPBACK_NAMES.includes(name as never));
  await createTls(dataDir, { hosts: extra, ...(options.ownerDir === undefined ? {} : { ownerDir: options.ownerDir }) });
  const cert = new x509.X509Certificate(readText(paths.serverCert));
  return { caCertPath: paths.caCert, names: serverCertificateNames(dataDir), notAfter: cert.notAfter.toISOString() };
}

/**
 * When the server certificate stops being valid.
 *
 * @example
 * if (certificateExpiry(dataDir).getTime() - Date.now() < 30 * 86_400_000) warn();
 */
export function certificateExpiry(dataDir: string): Date {
  return new x509.X509Certificate(readText(dataDirPaths(dataDir).serverCert)).notAfter;
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
 * Checks that the server certificate covers `host` (loopback, `0.0.0.0` and `::` always pass). The server has
 * no CA key (it lives in the owner directory), so a missing name is an error telling the owner to run
 * `ksmkit-vault tls rotate --host …`; only a vault from before owner directories, whose unconstrained CA key
 * still sits in the data directory, re-issues the certificate by itself.
 *
 * @example
 * await ensureCertificateCovers(dataDir, '192.168.1.5');
 */
export async function ensureCertificateCovers(dataDir: string, host: string): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isLoopbackHost(bare) || bare === '0.0.0.0' || bare === '::' || bare === '') return;
  const names = serverCertificateNames(dataDir);
  if (names.includes(bare)) return;
  const paths = dataDirPaths(dataDir);
  const legacyCa = new x509.X509Certificate(readText(paths.caCert)).getExtension(NAME_CONSTRAINTS_OID) === null;
  if (legacyCa && existsSync(paths.caKey)) {
    const kept = names.filter((name) => !LOOPBACK_NAMES.includes(name as never));
    await issueServerCertificate(dataDir, [...kept, bare], paths.root);
    return;
  }
  throw new VaultError(
    'ERR_INVALID_ARGUMENT',
    `The server certificate does not cover ${bare}; run \`ksmkit-vault tls rotate --host ${bare}\` as the owner, then start serve again`,
    { host: bare },
  );
}

/**
 * Loads the server certificate, its key and the CA certificate. Throws `ERR_NOT_INITIALIZED` when missing.
 *
 * @example
 * const { cert, key } = loadTls(dataDir); https.createServer({ cert, key }, handler);
 */
export function loadTls(dataDir: string): TlsMaterial {
  const paths = dataDirPaths(dataDir);
  assertPrivateFile(paths.serverCertKey);
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
