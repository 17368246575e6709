import { describe, expect, it } from 'vitest';
import { generateEcKeyPair, importSigningKey, publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { signEcdsa, verifyEcdsa } from '../crypto/ecdsa.js';
import { base64Decode, base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { bytesToHex, utf8Encode } from '../encoding/bytes.js';
import type { KsmErrorCode } from '../errors.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { readDeviceConfig } from './config-storage.js';
import { initializeConfig } from './initialize-config.js';
import { createMemoryStorage } from './memory-storage.js';

const TOKEN = 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c';
const CLIENT_ID = '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==';
const OTHER_TOKEN = base64UrlEncode(new Uint8Array(32).fill(0x42));
const server = await generateEcKeyPair();
const SERVER_KEY = base64UrlEncode(server.publicKey);
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

describe('initializeConfig', () => {
  it('writes hostname, clientId, clientKey and a fresh 138-byte device key', async () => {
    const storage = createMemoryStorage();
    const { created, config } = await initializeConfig(storage, `US:${TOKEN}`);
    expect(created).toBe(true);
    const stored = storage.snapshot();
    expect(Object.keys(stored).sort()).toEqual(['clientId', 'clientKey', 'hostname', 'privateKey']);
    expect(stored.hostname).toBe('keepersecurity.com');
    expect(stored.clientId).toBe(CLIENT_ID);
    expect(bytesToHex(base64Decode(stored.clientKey ?? ''))).toBe(
      '6322212b9c171478f7eb018100e981b31237bf9ac8aee20dac2f0a5e3c8ce7c7',
    );
    expect(stored.privateKey).toMatch(/^MIGHAgEA/);
    expect(base64Decode(stored.privateKey ?? '').length).toBe(138);
    expect(await readDeviceConfig(storage)).toEqual(config);
    // the key works: a signature made with it verifies with the public key embedded in it
    const message = utf8Encode('bind me');
    const signature = await signEcdsa(await importSigningKey(config.privateKey), message);
    expect(await verifyEcdsa(await publicKeyFromPkcs8(config.privateKey), message, signature)).toBe(true);
  });

  it('is a no-op for the same token, and refuses a different one', async () => {
    const storage = createMemoryStorage();
    const first = await initializeConfig(storage, TOKEN, { hostname: 'vault:8443' });
    const before = storage.snapshot();
    const again = await initializeConfig(storage, `EU:${TOKEN}`, { serverPublicKey: SERVER_KEY, caCertificate: PEM });
    expect(again).toEqual({ created: false, config: first.config });
    expect(storage.snapshot()).toEqual(before);
    const conflict = await rejection(initializeConfig(storage, `US:${OTHER_TOKEN}`), 'ERR_CONFIG_CONFLICT');
    expect(conflict.message).not.toContain(CLIENT_ID);
    expect(storage.snapshot()).toEqual(before);
  });

  it('writes the server key of a 4-part IL5 token', async () => {
    const storage = createMemoryStorage();
    await initializeConfig(storage, `IL5:${TOKEN}:20:${SERVER_KEY}`);
    expect(storage.snapshot()).toMatchObject({
      hostname: 'il5.keepersecurity.us',
      serverPublicKeyId: '20',
      serverPublicKey: SERVER_KEY,
    });
  });

  it('stores self-hosted options: hostname, custom server key and id, CA certificate', async () => {
    const storage = createMemoryStorage();
    const { config } = await initializeConfig(storage, TOKEN, {
      hostname: 'https://vault.example.com:8443/',
      serverPublicKey: base64Encode(server.publicKey),
      serverPublicKeyId: 20,
      caCertificate: PEM,
    });
    expect(storage.snapshot()).toMatchObject({
      hostname: 'vault.example.com:8443',
      serverPublicKeyId: '20',
      serverPublicKey: SERVER_KEY,
      caCertificate: PEM,
    });
    expect(config.serverPublicKey).toEqual(server.publicKey);
    const loopback = createMemoryStorage();
    await initializeConfig(loopback, TOKEN, {
      hostname: 'http://127.0.0.1:8787',
      serverPublicKeyId: '',
      caCertificate: ' ',
    });
    expect(loopback.snapshot().hostname).toBe('http://127.0.0.1:8787');
    expect(loopback.snapshot().serverPublicKeyId).toBeUndefined();
  });

  it('lets options override the key of an IL5 token', async () => {
    const storage = createMemoryStorage();
    const other = await generateEcKeyPair();
    await initializeConfig(storage, `IL5:${TOKEN}:20:${SERVER_KEY}`, {
      serverPublicKey: base64UrlEncode(other.publicKey),
      serverPublicKeyId: '21',
    });
    expect(storage.snapshot()).toMatchObject({
      serverPublicKeyId: '21',
      serverPublicKey: base64UrlEncode(other.publicKey),
    });
  });

  it('replaces stale keys left in a storage without a clientId', async () => {
    const storage = createMemoryStorage({ appKey: base64Encode(new Uint8Array(32)), foreign: 'x' });
    await initializeConfig(storage, `US:${TOKEN}`);
    expect(storage.snapshot().appKey).toBeUndefined();
    expect(storage.snapshot().foreign).toBe('x');
  });

  it('gives every storage its own device key', async () => {
    const one = await initializeConfig(createMemoryStorage(), `US:${TOKEN}`);
    const two = await initializeConfig(createMemoryStorage(), `US:${TOKEN}`);
    expect(one.config.clientId).toBe(two.config.clientId);
    expect(one.config.privateKey).not.toEqual(two.config.privateKey);
  });

  it('checks everything before writing', async () => {
    const cases: [Promise<unknown>, KsmErrorCode][] = [];
    const storage = createMemoryStorage();
    cases.push([initializeConfig(storage, TOKEN), 'ERR_INVALID_TOKEN']);
    cases.push([initializeConfig(storage, 'US:short'), 'ERR_INVALID_TOKEN']);
    cases.push([initializeConfig(storage, TOKEN, { hostname: 'http://vault.example.com' }), 'ERR_INVALID_HOSTNAME']);
    cases.push([initializeConfig(storage, `US:${TOKEN}`, { serverPublicKey: 'AAAA' }), 'ERR_INVALID_CONFIG']);
    cases.push([initializeConfig(storage, `US:${TOKEN}`, { serverPublicKeyId: 'x1' }), 'ERR_INVALID_CONFIG']);
    cases.push([initializeConfig(storage, `US:${TOKEN}`, { caCertificate: 'nope' }), 'ERR_INVALID_CONFIG']);
    cases.push([initializeConfig(storage, `US:${TOKEN}`, { serverPublicKeyId: 20 }), 'ERR_UNKNOWN_SERVER_KEY']);
    for (const [promise, code] of cases) await rejection(promise, code);
    expect(storage.snapshot()).toEqual({});
  });
});
