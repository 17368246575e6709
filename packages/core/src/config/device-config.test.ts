import { describe, expect, it } from 'vitest';
import { generateEcKeyPair, publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { encodePkcs8, parsePkcs8 } from '../crypto/pkcs8.js';
import { base64Decode, base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { expectKsmError, rejection } from '../test-support/ksm-error-of.js';
import { DEVICE_CONFIG_KEYS, deviceConfigFromRecord, deviceConfigToRecord } from './device-config.js';

/** Spec §3.8 vectors: token, client id, a 138-byte and a 150-byte PKCS#8 with their public keys, app keys. */
const CLIENT_KEY = base64Decode('YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c');
const CLIENT_ID = '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==';
const PKCS8_138 =
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzOhRANCAARRp1gIM4mOobGDy9c1CkCZB4xu8cHhjpcM12gwNfJefQEQUicSsLWnz/CBaFSGmEqU5oMe2sRuc2D6nYNKeoGh';
const PUBLIC_138 = 'BFGnWAgziY6hsYPL1zUKQJkHjG7xweGOlwzXaDA18l59ARBSJxKwtafP8IFoVIaYSpTmgx7axG5zYPqdg0p6gaE=';
const PKCS8_150 =
  'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg34GXYbMpXKaHcHZW4dIMO3WYU8zTjB6t+41SRsY1rwqgCgYIKoZIzj0DAQehRANCAAQGH/4ZwpGR9B7AlMjVY7ekpjOcaD3rhuO25CmOZxI3wqRDdhXQIdDnuWvQPCZ3ymtjL3C8JrVIcloklwYI9T7+';
const PUBLIC_150 = 'BAYf/hnCkZH0HsCUyNVjt6SmM5xoPeuG47bkKY5nEjfCpEN2FdAh0Oe5a9A8JnfKa2MvcLwmtUhyWiSXBgj1Pv4=';
const APP_KEY = '6hxMRiJZlIRwZFeuO1XJTv22Ai8D/+tJEEdQXmmm7iA=';
const OWNER_KEY = 'BLNdaUhCRUNtDBH+YqyHQzOG0OvkbyruF7j/7PYnqvP19JTEb95XhODEbRaeMUpMJNaPh0uLqh8ddnJdHPswntU=';
const SERVER_KEY = 'BNYIh_Sv03nRZUUJveE8d2mxKLIDXv654UbshaItHrCJhd6cT7pdZ_XwbdyxAOCWMkBb9AZ4t1XRCsM8-wkEBRg';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

const BOUND = { hostname: 'keepersecurity.com', clientId: CLIENT_ID, privateKey: PKCS8_138, appKey: APP_KEY };

describe('deviceConfigFromRecord', () => {
  it('reads a bound config with every key', async () => {
    const config = await deviceConfigFromRecord({
      ...BOUND,
      appOwnerPublicKey: OWNER_KEY,
      serverPublicKeyId: '10',
      serverPublicKey: SERVER_KEY,
      caCertificate: PEM,
    });
    expect(config).toEqual({
      hostname: 'keepersecurity.com',
      clientId: CLIENT_ID,
      privateKey: base64Decode(PKCS8_138),
      appKey: base64Decode(APP_KEY),
      appOwnerPublicKey: base64Decode(OWNER_KEY),
      serverPublicKeyId: 10,
      serverPublicKey: base64Decode(SERVER_KEY),
      caCertificate: PEM,
    });
  });

  it('reads an unbound config and checks clientId against clientKey', async () => {
    const unbound = { hostname: 'EU', clientId: CLIENT_ID, clientKey: base64Encode(CLIENT_KEY), privateKey: PKCS8_138 };
    const config = await deviceConfigFromRecord(unbound);
    expect(config.clientKey).toEqual(CLIENT_KEY);
    expect(config.hostname).toBe('keepersecurity.eu');
    const other = new Uint8Array(CLIENT_KEY);
    other[0] = (other[0] ?? 0) ^ 1;
    const error = await rejection(
      deviceConfigFromRecord({ ...unbound, clientKey: base64Encode(other) }),
      'ERR_INVALID_CONFIG',
    );
    expect(error.details).toEqual({ key: 'clientKey', reason: 'client-id-mismatch' });
  });

  it('normalises the 150- and 67-byte PKCS#8 forms to 138 bytes with the right public key', async () => {
    const from150 = await deviceConfigFromRecord({ ...BOUND, privateKey: PKCS8_150 });
    expect(from150.privateKey.length).toBe(138);
    expect(base64Encode(from150.privateKey.subarray(-65))).toBe(PUBLIC_150);
    const bare = encodePkcs8({ scalar: parsePkcs8(base64Decode(PKCS8_138)).scalar, publicKey: null });
    expect(bare.length).toBe(67);
    const from67 = await deviceConfigFromRecord({ ...BOUND, privateKey: base64Encode(bare) });
    expect(base64Encode(from67.privateKey)).toBe(PKCS8_138);
    expect(base64Encode(await publicKeyFromPkcs8(from67.privateKey))).toBe(PUBLIC_138);
  });

  it('is lenient about encodings, blanks, numbers and unknown keys', async () => {
    const config = await deviceConfigFromRecord({
      ...BOUND,
      hostname: 'https://vault.example.com:8443/',
      clientId: base64UrlEncode(base64Decode(CLIENT_ID)),
      privateKey: base64UrlEncode(base64Decode(PKCS8_138)),
      appKey: ` ${APP_KEY.replace(/=+$/, '')} `,
      appOwnerPublicKey: '',
      serverPublicKeyId: 12,
      serverPublicKey: null,
      publicKey: 'java-transient',
      url: 42,
    });
    expect(config).toEqual({
      hostname: 'vault.example.com:8443',
      clientId: CLIENT_ID,
      privateKey: base64Decode(PKCS8_138),
      appKey: base64Decode(APP_KEY),
      serverPublicKeyId: 12,
    });
  });

  it('says what is missing', async () => {
    expect((await rejection(deviceConfigFromRecord({}), 'ERR_CONFIG_NOT_INITIALIZED')).details).toEqual({});
    const missing = async (record: Record<string, unknown>) =>
      (await rejection(deviceConfigFromRecord(record), 'ERR_INVALID_CONFIG')).details;
    expect(await missing({ ...BOUND, hostname: '' })).toEqual({ key: 'hostname', reason: 'missing' });
    expect(await missing({ ...BOUND, privateKey: undefined })).toEqual({ key: 'privateKey', reason: 'missing' });
    expect(await missing({ ...BOUND, appKey: undefined })).toEqual({ key: 'appKey', reason: 'missing' });
  });

  it('rejects malformed values without echoing them', async () => {
    const secret = base64Encode(new Uint8Array(31).fill(0xee));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ appKey: secret }, 'appKey', 'length'],
      [{ appKey: 'not base64!' }, 'appKey', 'base64'],
      [{ appKey: 32 }, 'appKey', 'type'],
      [{ clientId: secret }, 'clientId', 'length'],
      [{ clientKey: secret }, 'clientKey', 'length'],
      [{ appOwnerPublicKey: APP_KEY }, 'appOwnerPublicKey', 'length'],
      [{ serverPublicKey: base64Encode(new Uint8Array(65)) }, 'serverPublicKey', 'point'],
      [{ serverPublicKeyId: 'ten' }, 'serverPublicKeyId', 'key-id'],
      [{ serverPublicKeyId: -1 }, 'serverPublicKeyId', 'key-id'],
      [{ privateKey: secret }, 'privateKey', 'pkcs8'],
      [{ privateKey: '%%%' }, 'privateKey', 'base64'],
      [{ hostname: 'http://vault.example.com' }, 'hostname', 'hostname'],
      [{ caCertificate: 'not a certificate' }, 'caCertificate', 'not-pem'],
    ];
    for (const [change, key, reason] of cases) {
      const error = await rejection(deviceConfigFromRecord({ ...BOUND, ...change }), 'ERR_INVALID_CONFIG');
      expect(error.details, key).toEqual({ key, reason });
      expect(error.message).toContain(`"${key}"`);
      expect(error.message).not.toContain(secret.slice(0, 12));
    }
  });
});

describe('deviceConfigToRecord', () => {
  it('writes the official encodings in a stable key order', async () => {
    const config = await deviceConfigFromRecord({
      ...BOUND,
      privateKey: PKCS8_150,
      appOwnerPublicKey: OWNER_KEY,
      serverPublicKeyId: '20',
      serverPublicKey: base64Encode(base64Decode(SERVER_KEY)),
      caCertificate: PEM,
    });
    const record = deviceConfigToRecord(config);
    expect(Object.keys(record)).toEqual(DEVICE_CONFIG_KEYS.filter((key) => key !== 'clientKey'));
    expect(record.privateKey).toMatch(/^MIGHAgEA/);
    expect(base64Decode(record.privateKey ?? '').length).toBe(138);
    expect(record).toMatchObject({
      hostname: 'keepersecurity.com',
      clientId: CLIENT_ID,
      serverPublicKeyId: '20',
      serverPublicKey: SERVER_KEY,
      appKey: APP_KEY,
      appOwnerPublicKey: OWNER_KEY,
      caCertificate: PEM,
    });
  });

  it('omits absent fields and keeps clientKey for an unbound device', () => {
    const record = deviceConfigToRecord({
      hostname: 'http://127.0.0.1:8787',
      clientId: CLIENT_ID,
      clientKey: CLIENT_KEY,
      privateKey: base64Decode(PKCS8_138),
    });
    expect(record).toEqual({
      hostname: 'http://127.0.0.1:8787',
      clientId: CLIENT_ID,
      clientKey: 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c=',
      privateKey: PKCS8_138,
    });
  });

  it('rejects configs that could not be read back', async () => {
    const { privateKey } = await generateEcKeyPair();
    const base = { hostname: 'keepersecurity.com', clientId: CLIENT_ID, privateKey, appKey: base64Decode(APP_KEY) };
    const reason = (config: object) =>
      expectKsmError(() => deviceConfigToRecord(config as never), 'ERR_INVALID_CONFIG').details;
    expect(reason({ ...base, appKey: new Uint8Array(16) })).toEqual({ key: 'appKey', reason: 'length' });
    expect(reason({ ...base, appKey: undefined })).toEqual({ key: 'appKey', reason: 'missing' });
    expect(reason({ ...base, serverPublicKeyId: 1.5 })).toEqual({ key: 'serverPublicKeyId', reason: 'key-id' });
    expect(reason({ ...base, clientId: 'ab!c' })).toEqual({ key: 'clientId', reason: 'base64' });
    const bare = encodePkcs8({ scalar: parsePkcs8(privateKey).scalar, publicKey: null });
    expect(reason({ ...base, privateKey: bare })).toEqual({ key: 'privateKey', reason: 'no-public-key' });
    expect(reason({ ...base, privateKey: new Uint8Array(10) })).toEqual({ key: 'privateKey', reason: 'pkcs8' });
  });
});
