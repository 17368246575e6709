// Interop (Node only): our WebCrypto primitives against the unmodified official JS SDK and node:crypto.
import { createDecipheriv, createECDH, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as ksm from '@keeper-security/secrets-manager-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { cbcDecrypt, cbcEncrypt } from './aes-cbc.js';
import { gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
import { computeClientId } from './client-id.js';
import { generateEcKeyPair, importSigningKey, normalizePkcs8 } from './ec-keys.js';
import { signEcdsa, verifyEcdsa } from './ecdsa.js';
import { publicDecrypt, publicEncrypt } from './ecies.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';

const RUNS = { numRuns: 25 };
const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new Uint8Array(b));
const data = fc.uint8Array({ maxLength: 500 }).map((b) => new Uint8Array(b));
const { platform } = ksm;

describe('AES-GCM and AES-CBC against the official SDK', () => {
  it('ours encrypts, theirs decrypts, and the reverse (GCM)', async () => {
    await fc.assert(
      fc.asyncProperty(key, data, async (k, plaintext) => {
        expect(new Uint8Array(await platform.decryptWithKey(await gcmEncrypt(k, plaintext), k))).toEqual(plaintext);
        const theirs = new Uint8Array(await platform.encryptWithKey(plaintext, k));
        expect(await gcmDecrypt(k, theirs)).toEqual(plaintext);
      }),
      RUNS,
    );
  });

  it('ours encrypts, theirs decrypts, and the reverse (CBC)', async () => {
    await fc.assert(
      fc.asyncProperty(key, data, async (k, plaintext) => {
        expect(new Uint8Array(await platform.decryptWithKey(await cbcEncrypt(k, plaintext), k, true))).toEqual(
          plaintext,
        );
        const theirs = new Uint8Array(await platform.encryptWithKey(plaintext, k, true));
        expect(await cbcDecrypt(k, theirs)).toEqual(plaintext);
      }),
      RUNS,
    );
  });
});

describe('ECIES against the official SDK and node:crypto', async () => {
  const recipient = await generateEcKeyPair();
  const scalar = parsePkcs8(recipient.privateKey).scalar;

  it('their publicEncrypt opens with our publicDecrypt', async () => {
    await fc.assert(
      fc.asyncProperty(data, async (plaintext) => {
        const blob = new Uint8Array(await platform.publicEncrypt(plaintext, recipient.publicKey));
        expect(await publicDecrypt(blob, recipient.privateKey)).toEqual(plaintext);
      }),
      RUNS,
    );
  });

  it('our publicEncrypt opens with an independent node:crypto ECDH + SHA-256 + GCM', async () => {
    await fc.assert(
      fc.asyncProperty(data, async (plaintext) => {
        const blob = await publicEncrypt(plaintext, recipient.publicKey);
        const ecdh = createECDH('prime256v1');
        ecdh.setPrivateKey(scalar);
        const shared = ecdh.computeSecret(blob.subarray(0, 65));
        const aesKey = createHash('sha256').update(shared).digest();
        const sealed = blob.subarray(65);
        const decipher = createDecipheriv('aes-256-gcm', aesKey, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        const opened = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
        expect(new Uint8Array(opened)).toEqual(plaintext);
      }),
      RUNS,
    );
  });
});

describe('ECDSA against the official SDK and node:crypto', async () => {
  const device = await generateEcKeyPair();
  const signingKey = await importSigningKey(device.privateKey);
  const storage = ksm.inMemoryStorage({ interopKey: base64Encode(device.privateKey) });

  it('their platform.sign (with a PKCS#8 we generated) verifies with ours', async () => {
    platform.cleanKeyCache();
    await fc.assert(
      fc.asyncProperty(data, async (message) => {
        const signature = new Uint8Array(await platform.sign(message, 'interopKey', storage));
        expect(await verifyEcdsa(device.publicKey, message, signature)).toBe(true);
      }),
      RUNS,
    );
  });

  it('our DER signatures verify with node:crypto', async () => {
    const publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: base64UrlEncode(device.publicKey.subarray(1, 33)),
        y: base64UrlEncode(device.publicKey.subarray(33)),
      },
      format: 'jwk',
    });
    await fc.assert(
      fc.asyncProperty(data, async (message) => {
        const signature = await signEcdsa(signingKey, message);
        expect(nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('keys and ids against the official SDK', () => {
  it('clientId equals getClientId for any token', async () => {
    await fc.assert(
      fc.asyncProperty(key, async (clientKey) => {
        expect(await computeClientId(clientKey)).toBe(await ksm.getClientId(base64UrlEncode(clientKey)));
      }),
      RUNS,
    );
  });

  it('a PKCS#8 we emit (generated, or normalised from the 67-byte form) gives the same public key in the SDK', async () => {
    for (let i = 0; i < 10; i++) {
      const generated = await generateEcKeyPair();
      const normalised = await normalizePkcs8(
        encodePkcs8({ scalar: parsePkcs8(generated.privateKey).scalar, publicKey: null }),
      );
      for (const pkcs8 of [generated.privateKey, normalised.privateKey]) {
        platform.cleanKeyCache();
        const storage = ksm.inMemoryStorage({ privateKey: base64Encode(pkcs8) });
        const theirs = new Uint8Array(await platform.exportPublicKey('privateKey', storage));
        expect(theirs).toEqual(generated.publicKey);
      }
    }
    platform.cleanKeyCache();
  });
});
