// Interop (Node only): initializeConfig against the official initializeStorage, and binding by the official SDK.
import * as ksm from '@keeper-security/secrets-manager-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcmEncrypt } from '../crypto/aes-gcm.js';
import { generateEcKeyPair, publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { isKsmError } from '../errors.js';
import { encryptResponse, openRequest, verifyRequestSignature } from '../keychain/server-envelope.js';
import { readDeviceConfig } from './config-storage.js';
import { serializeDeviceConfig } from './config-text.js';
import { initializeConfig } from './initialize-config.js';
import { createMemoryStorage } from './memory-storage.js';

const { platform } = ksm;
const TOKEN = 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c';
const OTHER_TOKEN = base64UrlEncode(new Uint8Array(32).fill(0x42));
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const server = await generateEcKeyPair();
const SERVER_KEY = base64UrlEncode(server.publicKey);

/** Runs the official initializeStorage on a fresh in-memory storage and returns what it wrote. */
async function officialInit(token: string, hostname?: string): Promise<Record<string, string>> {
  const data: Record<string, string> = {};
  platform.cleanKeyCache();
  await ksm.initializeStorage(ksm.inMemoryStorage(data), token, hostname);
  return data;
}

/** Everything but the (random) device key, which must be a 138-byte PKCS#8 on both sides. */
function comparable(stored: Record<string, string>): Record<string, string> {
  const { privateKey, ...rest } = stored;
  expect(base64Decode(privateKey ?? '').length).toBe(138);
  return rest;
}

describe('initializeConfig and the official initializeStorage', () => {
  it('write the same hostname, clientId, clientKey and server key for every token form both accept', async () => {
    const forms: [string, string | undefined][] = [
      [`US:${TOKEN}`, undefined],
      [`eu:${TOKEN}`, undefined],
      [`Au:${TOKEN}`, undefined],
      [`GOV:${TOKEN}`, undefined],
      [`jp:${TOKEN}`, undefined],
      [`CA:${TOKEN}`, undefined],
      [`IL5:${TOKEN}`, undefined],
      [`IL5:${TOKEN}:20:${SERVER_KEY}`, undefined],
      [`fake.keepersecurity.com:${TOKEN}`, undefined],
      [TOKEN, '127.0.0.1:8443'],
      [TOKEN, 'vault.example.com'],
    ];
    for (const [token, hostname] of forms) {
      const storage = createMemoryStorage();
      await initializeConfig(storage, token, { hostname });
      expect(comparable(storage.snapshot()), token).toEqual(comparable(await officialInit(token, hostname)));
    }
  });

  it('agree on generated tokens and hosts', async () => {
    const token = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => base64UrlEncode(b));
    const prefix = fc.constantFrom('US', 'EU', 'gov', 'ksm.example.org', '10.0.0.7');
    await fc.assert(
      fc.asyncProperty(token, prefix, async (t, p) => {
        const storage = createMemoryStorage();
        await initializeConfig(storage, `${p}:${t}`);
        expect(comparable(storage.snapshot())).toEqual(comparable(await officialInit(`${p}:${t}`)));
      }),
      { numRuns: 20 },
    );
  });

  it('recognise each other: same token is a no-op, another token is refused', async () => {
    const data: Record<string, string> = {};
    const official = ksm.inMemoryStorage(data); // an official storage is a ksmkit KeyValueStorage as is
    const { created } = await initializeConfig(official, `US:${TOKEN}`);
    expect(created).toBe(true);
    const before = { ...data };
    platform.cleanKeyCache();
    await ksm.initializeStorage(official, `US:${TOKEN}`);
    expect(data).toEqual(before);
    await expect(ksm.initializeStorage(official, `US:${OTHER_TOKEN}`)).rejects.toThrow(/different client/);

    const theirs = await officialInit(`EU:${TOKEN}`);
    const storage = createMemoryStorage(theirs);
    expect((await initializeConfig(storage, `EU:${TOKEN}`)).created).toBe(false);
    expect(storage.snapshot()).toEqual(theirs);
    const conflict = await initializeConfig(storage, `EU:${OTHER_TOKEN}`).catch((error: unknown) => error);
    expect(isKsmError(conflict, 'ERR_CONFIG_CONFLICT')).toBe(true);
  });
});

describe('the official SDK binding with a ksmkit config', () => {
  it('uses our custom server key and device key, ignores caCertificate, and we read the bound result', async () => {
    const appKey = new Uint8Array(32).fill(0x5a);
    const owner = await generateEcKeyPair();
    const { config } = await initializeConfig(createMemoryStorage(), TOKEN, {
      hostname: 'https://vault.ksmkit.test:8443',
      serverPublicKey: SERVER_KEY,
      serverPublicKeyId: '20',
      caCertificate: PEM,
    });
    const devicePublicKey = await publicKeyFromPkcs8(config.privateKey);
    const storage = ksm.loadJsonConfig(serializeDeviceConfig(config, { format: 'base64' }));
    const seen: { url: string; keyId: number; signed: boolean; payload: Record<string, unknown> }[] = [];

    const queryFunction = async (url: string, key: ksm.TransmissionKey, encrypted: ksm.EncryptedPayload) => {
      const body = new Uint8Array(encrypted.payload);
      const opened = await openRequest({
        transmissionKeyHeader: base64Encode(key.encryptedKey),
        body,
        serverPrivateKey: server.privateKey,
      });
      const signed = await verifyRequestSignature({
        encryptedTransmissionKey: opened.encryptedTransmissionKey,
        body,
        authorizationHeader: `Signature ${base64Encode(encrypted.signature)}`,
        publicKey: devicePublicKey,
      });
      const payload = opened.payload as Record<string, unknown>;
      seen.push({ url, keyId: key.publicKeyId, signed, payload });
      const binding = 'publicKey' in payload && config.clientKey !== undefined;
      const response = binding
        ? {
            encryptedAppKey: base64Encode(await gcmEncrypt(config.clientKey as Uint8Array<ArrayBuffer>, appKey)),
            appOwnerPublicKey: base64Encode(owner.publicKey),
            records: [],
          }
        : { records: [] };
      return { statusCode: 200, headers: {}, data: await encryptResponse(opened.responseKey, response) };
    };

    await ksm.getSecrets({ storage, queryFunction });
    expect(seen.map((s) => [s.url, s.keyId, s.signed, s.payload.clientId])).toEqual([
      ['https://vault.ksmkit.test:8443/api/rest/sm/v1/get_secret', 20, true, config.clientId],
      ['https://vault.ksmkit.test:8443/api/rest/sm/v1/get_secret', 20, true, config.clientId],
    ]);
    expect(seen[0]?.payload.publicKey).toBe(base64Encode(devicePublicKey));
    expect(seen[1]?.payload.publicKey).toBeUndefined();

    const bound = await readDeviceConfig(storage);
    expect(bound).toEqual({
      ...config,
      clientKey: undefined,
      appKey,
      appOwnerPublicKey: owner.publicKey,
    });
  });
});
