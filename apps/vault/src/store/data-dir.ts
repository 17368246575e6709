// The vault data directory: where each file lives, 0700 creation, atomic 0600 writes (temp + fsync + rename).
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { VaultError } from './errors.js';

/** Absolute paths of every file in a data directory (see DESIGN.md "Data directory"). */
export interface DataDirPaths {
  readonly root: string;
  readonly database: string;
  /** The server's transmission key pair (`server-key.json`). */
  readonly serverKey: string;
  readonly ownerKeys: string;
  readonly settings: string;
  /** Truncated hashes of recently seen transmission keys (the server's replay cache), 0600. */
  readonly replayCache: string;
  /** Written by a running `serve` (pid, host, port, url); removed when it stops. */
  readonly runtime: string;
  readonly tlsDir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  /** The TLS private key of the server certificate (`tls/server-key.pem`). */
  readonly serverCertKey: string;
}

/**
 * The data directory to use: the `--data-dir` flag, else `$KSMKIT_VAULT_DIR`, else `~/.ksmkit/vault`; absolute.
 *
 * @example
 * resolveDataDir(args['data-dir']); // '/home/me/.ksmkit/vault'
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag !== undefined && flag !== '' ? flag : env.KSMKIT_VAULT_DIR;
  return resolve(chosen !== undefined && chosen !== '' ? chosen : join(homedir(), '.ksmkit', 'vault'));
}

/**
 * Paths of the files inside `dataDir`.
 *
 * @example
 * dataDirPaths('/tmp/v').database; // '/tmp/v/vault.db'
 */
export function dataDirPaths(dataDir: string): DataDirPaths {
  const root = resolve(dataDir);
  const tlsDir = join(root, 'tls');
  return {
    root,
    database: join(root, 'vault.db'),
    serverKey: join(root, 'server-key.json'),
    ownerKeys: join(root, 'owner-keys.json'),
    settings: join(root, 'settings.json'),
    runtime: join(root, 'serve.json'),
    replayCache: join(root, 'replay.bin'),
    tlsDir,
    caCert: join(tlsDir, 'ca.pem'),
    caKey: join(tlsDir, 'ca-key.pem'),
    serverCert: join(tlsDir, 'server.pem'),
    serverCertKey: join(tlsDir, 'server-key.pem'),
  };
}

/**
 * Creates `dir` (and parents) if missing and forces mode 0700 on it.
 *
 * @example
 * ensurePrivateDir(dataDirPaths(dataDir).tlsDir);
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Creates the data directory and its `tls/` sub-directory, both 0700.
 *
 * @example
 * const paths = ensureDataDir(resolveDataDir());
 */
export function ensureDataDir(dataDir: string): DataDirPaths {
  const paths = dataDirPaths(dataDir);
  ensurePrivateDir(paths.root);
  ensurePrivateDir(paths.tlsDir);
  return paths;
}

/**
 * Throws `ERR_KEY_FILE_MODE` when a key file can be read or written by anyone but its owner (like ssh, a key
 * others could read is refused rather than used). No check on Windows, which has no such modes.
 *
 * @example
 * assertPrivateFile(paths.serverKey);
 */
export function assertPrivateFile(path: string): void {
  if (process.platform === 'win32') return;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return; // a missing file is reported by the reader
  }
  if ((mode & 0o077) !== 0) {
    const octal = `0${mode.toString(8)}`;
    throw new VaultError(
      'ERR_KEY_FILE_MODE',
      `${path} holds a private key but has mode ${octal} (others may read it); run \`chmod 600 ${path}\` and consider the key exposed`,
      { path, mode: octal },
    );
  }
}

/**
 * Writes a file atomically: a temp file in the same directory (created with `mode`, default 0600), fsync,
 * rename over the target, fsync of the directory. A crash leaves either the old or the new file.
 *
 * @example
 * writeFileAtomic(paths.caKey, pem);
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  chmodSync(temp, mode);
  renameSync(temp, path);
  syncDirectory(dirname(path));
}

/**
 * Writes `value` as pretty JSON atomically (0600 unless told otherwise).
 *
 * @example
 * writeJsonAtomic(paths.settings, settings);
 */
export function writeJsonAtomic(path: string, value: unknown, mode = 0o600): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/**
 * Reads and parses a JSON file; `undefined` when it does not exist. Throws `ERR_INVALID_FILE` on bad JSON
 * (the message names the path, never the content).
 *
 * @example
 * const settings = readJsonFile<Settings>(paths.settings);
 */
export function readJsonFile<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new VaultError('ERR_INVALID_FILE', `${path} is not valid JSON`, { path }, { cause: error });
  }
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
