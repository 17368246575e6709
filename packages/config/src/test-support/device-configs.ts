// Test fixtures: real device configs made with core (fresh keys each time) and private temp directories.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceConfig } from '@ksmkit/core';
import { base64UrlEncode, createMemoryStorage, generateAesKey, initializeConfig, randomBytes } from '@ksmkit/core';

/** A fresh one-time token (32 random bytes, url base64), optionally `REGION:`-prefixed. */
export function newToken(region?: string): string {
  const token = base64UrlEncode(randomBytes(32));
  return region === undefined ? token : `${region}:${token}`;
}

/** A not yet bound device config (has `clientKey`), initialised by core from a fresh token. */
export async function unboundConfig(hostname = 'keepersecurity.com'): Promise<DeviceConfig> {
  return (await initializeConfig(createMemoryStorage(), newToken(), { hostname })).config;
}

/** A bound device config (has `appKey`, `serverPublicKeyId`, no `clientKey`). */
export async function boundConfig(hostname = 'keepersecurity.eu'): Promise<DeviceConfig> {
  const { clientKey: _unused, ...config } = await unboundConfig(hostname);
  return { ...config, appKey: generateAesKey(), serverPublicKeyId: 10 };
}

/** A private temp directory and its remover. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ksmkit-config-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
