import { describe, expect, it } from 'vitest';
import { gcmEncrypt } from '../crypto/aes-gcm.js';
import { generateEcKeyPair, importSigningKey } from '../crypto/ec-keys.js';
import { base64Decode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { buildRequest, decryptResponse } from './request-envelope.js';
import { encryptResponse, openRequest, verifyRequestSignature } from './server-envelope.js';

describe('buildRequest', async () => {
  const server = await generateEcKeyPair();
  const device = await generateEcKeyPair();
  const signingKey = await importSigningKey(device.privateKey);
  const payload = { clientVersion: 'ms17.5.0', clientId: 'id==', requestedRecords: ['a'] };

  it('builds a request the server side opens and verifies', async () => {
    const request = await buildRequest({
      payload,
      serverPublicKey: server.publicKey,
      serverPublicKeyId: 10,
      signingKey,
    });
    expect(request.publicKeyId).toBe('10');
    expect(base64Decode(request.transmissionKeyHeader).length).toBe(125);
    expect(request.authorizationHeader).toMatch(/^Signature [A-Za-z0-9+/]+=*$/);
    expect(request.transmissionKey.length).toBe(32);
    expect(request.responseKey.extractable).toBe(false);
    const opened = await openRequest({
      transmissionKeyHeader: request.transmissionKeyHeader,
      body: request.body,
      serverPrivateKey: server.privateKey,
    });
    expect(opened.payload).toEqual(payload);
    expect(opened.transmissionKey).toEqual(request.transmissionKey);
    expect(
      await verifyRequestSignature({
        encryptedTransmissionKey: opened.encryptedTransmissionKey,
        body: request.body,
        authorizationHeader: request.authorizationHeader,
        publicKey: device.publicKey,
      }),
    ).toBe(true);
    // the body is compact JSON like the JS SDK sends: plaintext length + 28
    expect(request.body.length).toBe(JSON.stringify(payload).length + 28);
  });

  it('uses a new transmission key for every request', async () => {
    const a = await buildRequest({ payload, serverPublicKey: server.publicKey, serverPublicKeyId: '7', signingKey });
    const b = await buildRequest({ payload, serverPublicKey: server.publicKey, serverPublicKeyId: '7', signingKey });
    expect(a.transmissionKey).not.toEqual(b.transmissionKey);
  });

  it('decrypts the response with responseKey or the raw transmission key', async () => {
    const request = await buildRequest({
      payload,
      serverPublicKey: server.publicKey,
      serverPublicKeyId: 10,
      signingKey,
    });
    const body = await encryptResponse(request.transmissionKey, { ok: true });
    expect(await decryptResponse(request.responseKey, body)).toEqual({ ok: true });
    expect(await decryptResponse(request.transmissionKey, body)).toEqual({ ok: true });
    expect(await decryptResponse(request.responseKey, new Uint8Array(0))).toBeNull();
  });
});

describe('decryptResponse', () => {
  it('reports ERR_DECRYPT_FAILED for a wrong key and ERR_INVALID_INPUT for non-JSON plaintext', async () => {
    const key = new Uint8Array(32).fill(1);
    const body = await encryptResponse(key, [1]);
    await expect(decryptResponse(new Uint8Array(32), body)).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_DECRYPT_FAILED'),
    );
    const notJson = await gcmEncrypt(key, utf8Encode('<html>'));
    await expect(decryptResponse(key, notJson)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_INPUT'));
  });
});
