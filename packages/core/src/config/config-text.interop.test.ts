// Interop (Node only): config JSON / base64 written by ksmkit loads in the official SDK, and the reverse.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { afterAll, describe, expect, it } from 'vitest';
import { publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import { createOfficialHarness } from '../test-support/official-sdk.js';
import { parseDeviceConfig, serializeDeviceConfig } from './config-text.js';
import { deviceConfigToRecord } from './device-config.js';
import { initializeConfig } from './initialize-config.js';
import { createMemoryStorage } from './memory-storage.js';

const { platform } = ksm;
const TOKEN = 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const directory = mkdtempSync(join(tmpdir(), 'ksmkit-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** What the official SDK derives from a storage: device public key and the client id of its clientKey. */
async function officialView(storage: ksm.KeyValueStorage) {
  platform.cleanKeyCache(); // the official SDK caches keys process-wide by name
  const publicKey = new Uint8Array(await platform.exportPublicKey('privateKey', storage));
  const clientKey = await storage.getBytes('clientKey');
  const derivedClientId =
    clientKey === undefined ? undefined : platform.bytesToBase64(await platform.hash(clientKey, ''));
  return { publicKey, clientId: await storage.getString('clientId'), derivedClientId };
}

describe('ksmkit config → official SDK', async () => {
  const { config } = await initializeConfig(createMemoryStorage(), `US:${TOKEN}`, { caCertificate: PEM });
  const publicKey = await publicKeyFromPkcs8(config.privateKey);

  it('loadJsonConfig reads our JSON and our base64, and derives the same public key and clientId', async () => {
    for (const format of ['json', 'base64'] as const) {
      const storage = ksm.loadJsonConfig(serializeDeviceConfig(config, { format }));
      expect(await officialView(storage)).toEqual({
        publicKey,
        clientId: config.clientId,
        derivedClientId: config.clientId,
      });
      expect(await storage.getString('hostname')).toBe('keepersecurity.com');
      // same token again: the official SDK sees its own clientId and leaves the storage alone
      await ksm.initializeStorage(storage, `US:${TOKEN}`);
      expect(await storage.getString('privateKey')).toBe(base64Encode(config.privateKey));
    }
  });

  it('localConfigStorage reads a config file we wrote', async () => {
    const path = join(directory, 'ksm-config.json');
    writeFileSync(path, serializeDeviceConfig(config, { format: 'json' }));
    const storage = ksm.localConfigStorage(path);
    expect((await officialView(storage)).publicKey).toEqual(publicKey);
    await storage.saveString('serverPublicKeyId', '9'); // the official SDK rewrites the file, keeping our keys
    const rewritten = await parseDeviceConfig(readFileSync(path, 'utf8'));
    expect(rewritten).toEqual({ ...config, serverPublicKeyId: 9 });
  });
});

describe('official SDK config → ksmkit', () => {
  it('reads a config made by initializeStorage, as JSON and as std or url base64', async () => {
    const data: Record<string, string> = {};
    const storage = ksm.inMemoryStorage(data);
    platform.cleanKeyCache();
    await ksm.initializeStorage(storage, TOKEN, '127.0.0.1:8443');
    const view = await officialView(storage);
    const json = JSON.stringify(data, null, 2);
    for (const text of [json, base64Encode(utf8Encode(json)), base64UrlEncode(utf8Encode(JSON.stringify(data)))]) {
      const config = await parseDeviceConfig(text);
      expect(config.hostname).toBe('127.0.0.1:8443');
      expect(config.clientId).toBe(view.clientId);
      expect(config.clientKey).toEqual(base64Decode(TOKEN));
      expect(config.privateKey).toEqual(base64Decode(data.privateKey ?? ''));
      expect(await publicKeyFromPkcs8(config.privateKey)).toEqual(view.publicKey);
      expect(deviceConfigToRecord(config)).toEqual(data);
    }
  });

  it('reads a bound config and writes it back unchanged', async () => {
    const { config: bound } = await createOfficialHarness({ records: [] });
    const parsed = await parseDeviceConfig(JSON.stringify(bound));
    expect(parsed.appKey?.length).toBe(32);
    expect(parsed.serverPublicKeyId).toBe(20);
    expect(JSON.parse(serializeDeviceConfig(parsed))).toEqual(bound);
    expect(await parseDeviceConfig(serializeDeviceConfig(parsed, { format: 'base64' }))).toEqual(parsed);
  });
});
