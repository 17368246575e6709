import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { bytesToHex } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import {
  generateEcKeyPair,
  importEcdhPrivateKey,
  importSigningKey,
  importVerifyingKey,
  normalizePkcs8,
  publicKeyFromPkcs8,
} from './ec-keys.js';
import { signEcdsa, verifyEcdsa } from './ecdsa.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';

// Spec §3.8.3 (.NET test suite): 150-byte PKCS#8 with [0] parameters.
const DOTNET_PKCS8 =
  'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg34GXYbMpXKaHcHZW4dIMO3WYU8zTjB6t+41SRsY1rwqgCgYIKoZIzj0DAQehRANCAAQGH/4ZwpGR9B7AlMjVY7ekpjOcaD3rhuO25CmOZxI3wqRDdhXQIdDnuWvQPCZ3ymtjL3C8JrVIcloklwYI9T7+';
const DOTNET_PUBLIC = 'BAYf/hnCkZH0HsCUyNVjt6SmM5xoPeuG47bkKY5nEjfCpEN2FdAh0Oe5a9A8JnfKa2MvcLwmtUhyWiSXBgj1Pv4=';
// Spec §3.8.2: device key of the binding vector, 138 bytes, scalar 32×0x33.
const DEVICE_PKCS8 =
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzOhRANCAARRp1gIM4mOobGDy9c1CkCZB4xu8cHhjpcM12gwNfJefQEQUicSsLWnz/CBaFSGmEqU5oMe2sRuc2D6nYNKeoGh';
const DEVICE_PUBLIC = 'BFGnWAgziY6hsYPL1zUKQJkHjG7xweGOlwzXaDA18l59ARBSJxKwtafP8IFoVIaYSpTmgx7axG5zYPqdg0p6gaE=';

describe('publicKeyFromPkcs8', () => {
  it('reads the public key of the 150-byte form with [0] parameters (spec §3.8.3)', async () => {
    const der = base64Decode(DOTNET_PKCS8);
    expect(der.length).toBe(150);
    expect(base64Encode(await publicKeyFromPkcs8(der))).toBe(DOTNET_PUBLIC);
    expect(bytesToHex(parsePkcs8(der).scalar)).toBe('df819761b3295ca687707656e1d20c3b759853ccd38c1eadfb8d5246c635af0a');
  });

  it('reads the 138-byte binding device key and matches the publicKey of the binding payload', async () => {
    const der = base64Decode(DEVICE_PKCS8);
    expect(der.length).toBe(138);
    expect(parsePkcs8(der).scalar).toEqual(new Uint8Array(32).fill(0x33));
    expect(base64Encode(await publicKeyFromPkcs8(der))).toBe(DEVICE_PUBLIC);
  });

  it('derives the public key of the 67-byte form without one (Java SunEC output)', async () => {
    const short = encodePkcs8({ scalar: new Uint8Array(32).fill(0x33), publicKey: null });
    expect(short.length).toBe(67);
    expect(base64Encode(short).startsWith('MEECAQAw')).toBe(true);
    expect(base64Encode(await publicKeyFromPkcs8(short))).toBe(DEVICE_PUBLIC);
  });
});

describe('normalizePkcs8', () => {
  it('always emits the 138-byte form (from 150 and 67 bytes)', async () => {
    const fromDotnet = await normalizePkcs8(base64Decode(DOTNET_PKCS8));
    expect(fromDotnet.privateKey.length).toBe(138);
    expect(base64Encode(fromDotnet.privateKey).startsWith('MIGHAgEA')).toBe(true);
    // The JS SDK reads the scalar at [36, 68) and the public key from the last 65 bytes.
    expect(bytesToHex(fromDotnet.privateKey.subarray(36, 68))).toBe(
      'df819761b3295ca687707656e1d20c3b759853ccd38c1eadfb8d5246c635af0a',
    );
    expect(base64Encode(fromDotnet.privateKey.subarray(-65))).toBe(DOTNET_PUBLIC);
    const fromShort = await normalizePkcs8(encodePkcs8({ scalar: new Uint8Array(32).fill(0x33), publicKey: null }));
    expect(base64Encode(fromShort.privateKey)).toBe(DEVICE_PKCS8);
  });

  it('rejects other keys and garbage with ERR_INVALID_PKCS8', async () => {
    const cases = [
      new Uint8Array(0),
      new Uint8Array(138),
      base64Decode(DEVICE_PKCS8).subarray(0, 137),
      // P-384 curve OID instead of P-256
      (() => {
        const der = base64Decode(DEVICE_PKCS8).slice();
        der[26] = 0x22;
        return der;
      })(),
      // scalar of zero is not a private key
      encodePkcs8({ scalar: new Uint8Array(32), publicKey: null }),
      // scalar >= the group order
      encodePkcs8({ scalar: new Uint8Array(32).fill(0xff), publicKey: null }),
    ];
    for (const der of cases) {
      await expect(normalizePkcs8(der)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_PKCS8'));
    }
  });
});

describe('generateEcKeyPair', () => {
  it('produces a 138-byte PKCS#8 whose key signs what its public key verifies', async () => {
    const pair = await generateEcKeyPair();
    expect(pair.privateKey.length).toBe(138);
    expect(pair.publicKey.length).toBe(65);
    expect(await publicKeyFromPkcs8(pair.privateKey)).toEqual(pair.publicKey);
    const data = new Uint8Array([1, 2, 3]);
    const signature = await signEcdsa(await importSigningKey(pair.privateKey), data);
    expect(await verifyEcdsa(await importVerifyingKey(pair.publicKey), data, signature)).toBe(true);
    expect((await importEcdhPrivateKey(pair.privateKey)).extractable).toBe(false);
  });

  it('rejects public keys that are not uncompressed points on P-256', async () => {
    await expect(importVerifyingKey(new Uint8Array(33))).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_KEY'));
    const offCurve = base64Decode(DEVICE_PUBLIC).slice();
    offCurve[64] = (offCurve[64] as number) ^ 1;
    await expect(importVerifyingKey(offCurve)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_KEY'));
  });
});
