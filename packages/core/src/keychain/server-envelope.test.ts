import { describe, expect, it } from 'vitest';
import { computeClientId } from '../crypto/client-id.js';
import { importEcdhPrivateKey, publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { encodePkcs8 } from '../crypto/pkcs8.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { isKsmError } from '../errors.js';
import { decryptResponse } from './request-envelope.js';
import { encryptResponse, openRequest, verifyRequestSignature } from './server-envelope.js';

// Spec §3.8.2, complete binding request.
const SERVER_PKCS8 = encodePkcs8({ scalar: new Uint8Array(32).fill(0x11), publicKey: null });
const TRANSMISSION_KEY_HEADER =
  'BNZak5d8qj0bCBhS/1ennkZfFmBXcwS66tUF3TpIWJzzUBheiVNy32Ih6joTdVfkc/3bZ1XwW9UHw8Uz/OnJEoUBAQEBAQEBAQEBAQFinQqIJ9eoBPskcZzaaCv8LJUrxWRpUZShdYxmx2FmyZyjEMxTfj2Sl4tQZG95pos=';
const BODY =
  'AgICAgICAgICAgICVHAK5xT60kENN6zmcla7dIhSAp8xTXdpvK7Ga0XwWD9ckdfn0f7BWl3JVPYnHLzHUUpNs7s2BFhN6F0tmad0uJY/gGeBpxLMlo3UHLoR5JCD+vu5Wgyuv1GtbbowrFABw+EIWuMs1FFj1FII7qNpyjOTHuvfvN0hqwS27mgtRoCUbBXeHO2A+VglaJe0UDoZq/ZFvyIaoYHnx/Ma1tvkgC1Er6GAKSg62lECWhKztPQDkPjJtbtUOm4iOOfnlQi+XnRZgQsf0qTH9U6etWxO3HHXm/BfX+9TDD728GCsRe7cQNo82hPEhr7hMGdvx0+8GUUNhPVzI0T+';
const PAYLOAD =
  '{"clientVersion":"ms17.5.0","clientId":"6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==","publicKey":"BFGnWAgziY6hsYPL1zUKQJkHjG7xweGOlwzXaDA18l59ARBSJxKwtafP8IFoVIaYSpTmgx7axG5zYPqdg0p6gaE="}';
const DEVICE_PKCS8 =
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzOhRANCAARRp1gIM4mOobGDy9c1CkCZB4xu8cHhjpcM12gwNfJefQEQUicSsLWnz/CBaFSGmEqU5oMe2sRuc2D6nYNKeoGh';
const AUTHORIZATION =
  'Signature MEYCIQDs0PIck8NTXiv7FEDC9K9S9ViyqZGekxCVUdXVgzYETAIhANHfhw0T1zqh2m4VQAGoCHAO6k7sQbgL9G7Uu5Jtjq4t';

describe('openRequest', () => {
  it('opens the spec binding vector: header → 32×0xAB, body → the payload JSON', async () => {
    const opened = await openRequest({
      transmissionKeyHeader: TRANSMISSION_KEY_HEADER,
      body: base64Decode(BODY),
      serverPrivateKey: SERVER_PKCS8,
    });
    expect(opened.transmissionKey).toEqual(new Uint8Array(32).fill(0xab));
    expect(opened.encryptedTransmissionKey.length).toBe(125);
    expect(opened.payload).toEqual(JSON.parse(PAYLOAD));
  });

  it('fails with ERR_DECRYPT_FAILED for a tampered body or header', async () => {
    const body = base64Decode(BODY);
    body[20] = (body[20] as number) ^ 1;
    const serverPrivateKey = await importEcdhPrivateKey(SERVER_PKCS8);
    await expect(
      openRequest({ transmissionKeyHeader: TRANSMISSION_KEY_HEADER, body, serverPrivateKey }),
    ).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
    const header = base64Decode(TRANSMISSION_KEY_HEADER);
    header[100] = (header[100] as number) ^ 1;
    await expect(
      openRequest({ transmissionKeyHeader: base64Encode(header), body: base64Decode(BODY), serverPrivateKey }),
    ).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
  });
});

describe('verifyRequestSignature', () => {
  it('accepts the vector signature with the publicKey from the payload, and the clientId matches the token', async () => {
    const payload = JSON.parse(PAYLOAD) as { publicKey: string; clientId: string };
    const input = {
      encryptedTransmissionKey: base64Decode(TRANSMISSION_KEY_HEADER),
      body: base64Decode(BODY),
      authorizationHeader: AUTHORIZATION,
      publicKey: base64Decode(payload.publicKey),
    };
    expect(await verifyRequestSignature(input)).toBe(true);
    // the device key of the vector is the key of that publicKey
    expect(base64Encode(await publicKeyFromPkcs8(base64Decode(DEVICE_PKCS8)))).toBe(payload.publicKey);
    expect(await computeClientId(base64Decode('YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c'))).toBe(payload.clientId);
  });

  it('returns false for a changed body, another header, or a malformed Authorization value', async () => {
    const base = {
      encryptedTransmissionKey: base64Decode(TRANSMISSION_KEY_HEADER),
      body: base64Decode(BODY),
      authorizationHeader: AUTHORIZATION,
      publicKey: base64Decode(JSON.parse(PAYLOAD).publicKey as string),
    };
    const body = base.body.slice();
    body[0] = (body[0] as number) ^ 1;
    expect(await verifyRequestSignature({ ...base, body })).toBe(false);
    for (const authorizationHeader of [
      null,
      undefined,
      '',
      'Signature',
      'Bearer x',
      'Signature !!!',
      'Signature AAAA',
    ]) {
      expect(await verifyRequestSignature({ ...base, authorizationHeader })).toBe(false);
    }
    expect(await verifyRequestSignature({ ...base, publicKey: new Uint8Array(65) })).toBe(false);
  });
});

describe('encryptResponse', () => {
  it('produces a body decryptResponse opens with the same transmission key', async () => {
    const key = new Uint8Array(32).fill(0xab);
    const body = await encryptResponse(key, { records: [], folders: null, text: 'é' });
    expect(await decryptResponse(key, body)).toEqual({ records: [], folders: null, text: 'é' });
  });
});
