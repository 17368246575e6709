// Refuses a request whose transmission key was seen before: a bounded cache, persisted for its window.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { writeFileAtomic } from '../store/data-dir.js';

/** How long a transmission key is remembered (a replay after this is not detected). */
export const REPLAY_WINDOW_MS = 15 * 60 * 1000;
/** Most keys remembered; past it the oldest go first (the window shrinks under extreme load). */
export const REPLAY_MAX_ENTRIES = 200_000;

const DIGEST_BYTES = 16;
const ENTRY_BYTES = DIGEST_BYTES + 8;

/** The replay cache of a server. */
export interface ReplayCache {
  /** Records `transmissionKey`; false when it was seen within the window (a replay). */
  claim(transmissionKey: Uint8Array, now: number): boolean;
  /** Closes the persistence file. */
  close(): void;
}

function digest(transmissionKey: Uint8Array): string {
  return createHash('sha256').update(transmissionKey).digest().subarray(0, DIGEST_BYTES).toString('base64');
}

/** Reads live entries (`digest`, `expiresAt`) of a persistence file, oldest first. */
function load(path: string, now: number): Map<string, number> {
  const entries = new Map<string, number>();
  if (!existsSync(path)) return entries;
  const bytes = readFileSync(path);
  for (let offset = 0; offset + ENTRY_BYTES <= bytes.length; offset += ENTRY_BYTES) {
    const expiresAt = Number(bytes.readBigUInt64BE(offset + DIGEST_BYTES));
    if (expiresAt > now) entries.set(bytes.subarray(offset, offset + DIGEST_BYTES).toString('base64'), expiresAt);
  }
  return entries;
}

function encode(key: string, expiresAt: number): Buffer {
  const entry = Buffer.alloc(ENTRY_BYTES);
  Buffer.from(key, 'base64').copy(entry);
  entry.writeBigUInt64BE(BigInt(expiresAt), DIGEST_BYTES);
  return entry;
}

/**
 * Creates a replay cache. With `path`, every claimed key (a truncated SHA-256 of it, never the key) is appended
 * to that 0600 file, so a restart within the window still refuses replays; the file is compacted on open and
 * whenever it holds twice as many entries as the cache.
 *
 * @example
 * const replay = createReplayCache({ path: join(dataDir, 'replay.bin') });
 * if (!replay.claim(transmissionKey, Date.now())) deny();
 */
export function createReplayCache(
  options: { path?: string; windowMs?: number; maxEntries?: number; now?: number } = {},
): ReplayCache {
  const windowMs = options.windowMs ?? REPLAY_WINDOW_MS;
  const maxEntries = options.maxEntries ?? REPLAY_MAX_ENTRIES;
  const path = options.path;
  const seen = path === undefined ? new Map<string, number>() : load(path, options.now ?? Date.now());
  let fd: number | undefined;
  let written = 0;
  const compact = () => {
    if (path === undefined) return;
    if (fd !== undefined) closeSync(fd);
    writeFileAtomic(path, Buffer.concat([...seen].map(([key, expiresAt]) => encode(key, expiresAt))));
    fd = openSync(path, 'a', 0o600);
    written = seen.size;
  };
  compact();
  return {
    claim(transmissionKey, now) {
      const key = digest(transmissionKey);
      const known = seen.get(key);
      if (known !== undefined && known > now) return false;
      // Entries are kept in insertion order: drop expired ones from the front, then the oldest past the cap.
      for (const [oldKey, expiresAt] of seen) {
        if (expiresAt > now && seen.size < maxEntries) break;
        seen.delete(oldKey);
      }
      seen.delete(key);
      seen.set(key, now + windowMs);
      if (fd !== undefined) {
        writeSync(fd, encode(key, now + windowMs));
        written += 1;
        if (written > 2 * maxEntries) compact();
      }
      return true;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
