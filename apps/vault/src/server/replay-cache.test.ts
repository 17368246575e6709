// The replay cache: refuses a key seen within the window, survives a restart, forgets expired keys, stays bounded.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '@ksmkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createReplayCache } from './replay-cache.js';

describe('createReplayCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a transmission key seen before within the window, also after a restart', () => {
    const path = join(dir, 'replay.bin');
    const key = randomBytes(32);
    const first = createReplayCache({ path, windowMs: 60_000 });
    expect(first.claim(key, 1_000)).toBe(true);
    expect(first.claim(key, 2_000)).toBe(false);
    expect(first.claim(randomBytes(32), 2_000)).toBe(true);
    first.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const restarted = createReplayCache({ path, windowMs: 60_000, now: 3_000 });
    expect(restarted.claim(key, 3_000)).toBe(false);
    restarted.close();
    const later = createReplayCache({ path, windowMs: 60_000, now: 100_000 });
    expect(later.claim(key, 100_000)).toBe(true);
    later.close();
  });

  it('keeps at most maxEntries keys, dropping the oldest first', () => {
    const cache = createReplayCache({ windowMs: 60_000, maxEntries: 3 });
    const keys = Array.from({ length: 5 }, () => randomBytes(32));
    for (const key of keys) expect(cache.claim(key, 1)).toBe(true);
    expect(cache.claim(keys[4] as Uint8Array, 2)).toBe(false);
    expect(cache.claim(keys[0] as Uint8Array, 2)).toBe(true);
  });
});
