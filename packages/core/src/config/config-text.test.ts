import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { parseDeviceConfig, serializeDeviceConfig } from './config-text.js';
import type { DeviceConfig } from './device-config.js';

const CLIENT_ID = '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==';
const PKCS8_138 =
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzOhRANCAARRp1gIM4mOobGDy9c1CkCZB4xu8cHhjpcM12gwNfJefQEQUicSsLWnz/CBaFSGmEqU5oMe2sRuc2D6nYNKeoGh';
const APP_KEY = '6hxMRiJZlIRwZFeuO1XJTv22Ai8D/+tJEEdQXmmm7iA=';
const RECORD = { hostname: 'keepersecurity.com', clientId: CLIENT_ID, privateKey: PKCS8_138, appKey: APP_KEY };
const JSON_TEXT = JSON.stringify(RECORD);

/** A few real device keys (generation is slow enough not to do it per fast-check run). */
const deviceKeys = await Promise.all([1, 2, 3, 4].map(() => generateEcKeyPair()));
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((b) => new Uint8Array(b));
const point = bytes(64).map((b) => Uint8Array.from([4, ...b]));
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const hostname = fc.oneof(
  fc.constantFrom('keepersecurity.com', 'keepersecurity.eu', '127.0.0.1:8443', 'http://127.0.0.1:8787', '[::1]:9000'),
  fc
    .tuple(fc.array(label, { minLength: 2, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 })))
    .map(([labels, port]) => `${labels.join('.')}${port === null ? '' : `:${port}`}`),
);
const configArbitrary = fc.record({
  hostname,
  clientKey: fc.option(bytes(32), { nil: undefined }),
  boundClientId: bytes(64),
  privateKey: fc.constantFrom(...deviceKeys.map((pair) => pair.privateKey)),
  appKey: fc.option(bytes(32), { nil: undefined }),
  appOwnerPublicKey: fc.option(point, { nil: undefined }),
  serverPublicKeyId: fc.option(fc.integer({ min: 0, max: 999_999_999 }), { nil: undefined }),
  serverPublicKey: fc.option(point, { nil: undefined }),
  caCertificate: fc.option(
    fc.base64String({ minLength: 4 }).map((b) => `-----BEGIN CERTIFICATE-----\n${b}\n-----END CERTIFICATE-----\n`),
    { nil: undefined },
  ),
});

type ConfigInput = typeof configArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A valid config from generated parts: clientId is the HMAC of clientKey when the device is not bound. */
async function toConfig(input: ConfigInput): Promise<DeviceConfig> {
  const { boundClientId, ...rest } = input;
  const clientKey = rest.clientKey ?? (rest.appKey === undefined ? boundClientId.subarray(0, 32) : undefined);
  const clientId =
    clientKey === undefined ? base64Encode(boundClientId) : await computeClientId(new Uint8Array(clientKey));
  const config: Record<string, unknown> = { ...rest, clientId, clientKey };
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return config as unknown as DeviceConfig;
}

describe('parseDeviceConfig', () => {
  it('reads JSON text, pretty or compact, with a BOM or surrounding whitespace', async () => {
    const expected = await parseDeviceConfig(JSON_TEXT);
    expect(expected.clientId).toBe(CLIENT_ID);
    expect(expected.appKey).toEqual(base64Decode(APP_KEY));
    expect(await parseDeviceConfig(`\uFEFF${JSON.stringify(RECORD, null, 4)}\n`)).toEqual(expected);
  });

  it('reads base64 config strings in both alphabets, padded or not, with line breaks', async () => {
    const expected = await parseDeviceConfig(JSON_TEXT);
    const raw = utf8Encode(`${JSON.stringify({ ...RECORD, note: '???>>>~~~' }, null, 2)}\n`);
    const std = base64Encode(raw);
    const url = base64UrlEncode(raw);
    expect(std).toMatch(/[+/]/);
    expect(url).toMatch(/[-_]/);
    const urlPadded = url + '='.repeat((4 - (url.length % 4)) % 4);
    for (const text of [std, url, urlPadded, std.replace(/(.{76})/g, '$1\n')]) {
      expect(await parseDeviceConfig(text)).toEqual(expected);
    }
  });

  it('explains what it expected when the text is neither', async () => {
    const reason = async (text: string) =>
      (await rejection(parseDeviceConfig(text), 'ERR_INVALID_CONFIG')).details.reason;
    expect(await reason('')).toBe('empty');
    expect(await reason('not a config')).toBe('not-json-or-base64');
    expect(await reason(base64Encode(utf8Encode('hello world')))).toBe('not-json-or-base64');
    expect(await reason('{"hostname": "x", SECRETVALUE}')).toBe('json-syntax');
    expect(await reason('[1, 2]')).toBe('not-object');
    expect(await reason('"text"')).toBe('not-object');
    expect(await reason('null')).toBe('not-object');
    expect(await reason(base64Encode(utf8Encode('{"a":')))).toBe('not-json-or-base64');
    const error = await rejection(parseDeviceConfig('{"appKey": "SECRETVALUE"'), 'ERR_INVALID_CONFIG');
    expect(`${error.message} ${String(error.cause)}`).not.toContain('SECRETVALUE');
    expect(error.cause).toBeUndefined();
  });

  it('reports an uninitialised config apart from a broken one', async () => {
    expect((await rejection(parseDeviceConfig('{}'), 'ERR_CONFIG_NOT_INITIALIZED')).code).toBe(
      'ERR_CONFIG_NOT_INITIALIZED',
    );
  });
});

describe('serializeDeviceConfig', () => {
  it('writes the official config file shape (2-space JSON) by default', async () => {
    const config = await parseDeviceConfig(JSON_TEXT);
    const text = serializeDeviceConfig(config);
    expect(text).toBe(JSON.stringify(RECORD, null, 2));
    expect(serializeDeviceConfig(config, { format: 'json' })).toBe(text);
  });

  it('writes std base64 of compact JSON', async () => {
    const config = await parseDeviceConfig(JSON_TEXT);
    const text = serializeDeviceConfig(config, { format: 'base64' });
    expect(text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(text.length % 4).toBe(0);
    expect(utf8Decode(base64Decode(text))).toBe(JSON_TEXT);
  });

  it('round-trips generated configs through both formats', async () => {
    await fc.assert(
      fc.asyncProperty(configArbitrary, fc.constantFrom('json' as const, 'base64' as const), async (input, format) => {
        const config = await toConfig(input);
        const text = serializeDeviceConfig(config, { format });
        const parsed = await parseDeviceConfig(text);
        expect(parsed).toEqual(config);
        expect(serializeDeviceConfig(parsed, { format })).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});
