import { describe, expect, it } from 'vitest';
import { importEcdhPublicKey } from '../crypto/ec-keys.js';
import { base64Decode } from '../encoding/base64.js';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { DEFAULT_SERVER_PUBLIC_KEY_ID, KEEPER_SERVER_PUBLIC_KEYS, resolveServerKey } from './server-keys.js';

describe('KEEPER_SERVER_PUBLIC_KEYS', () => {
  it('holds ids 7 to 18, each a valid P-256 point', async () => {
    const ids = Object.keys(KEEPER_SERVER_PUBLIC_KEYS).map(Number);
    expect(ids).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    for (const text of Object.values(KEEPER_SERVER_PUBLIC_KEYS)) {
      expect(text).toMatch(/^[A-Za-z0-9_-]{87}$/);
      await importEcdhPublicKey(base64Decode(text)); // throws unless the point is on the curve
    }
    expect(new Set(Object.values(KEEPER_SERVER_PUBLIC_KEYS)).size).toBe(12);
  });
});

describe('resolveServerKey', () => {
  it('defaults to id 7 like the JS SDK', () => {
    expect(DEFAULT_SERVER_PUBLIC_KEY_ID).toBe(7);
    const { id, publicKey } = resolveServerKey({});
    expect(id).toBe(7);
    expect(publicKey).toEqual(
      base64Decode('BK9w6TZFxE6nFNbMfIpULCup2a8xc6w2tUTABjxny7yFmxW0dAEojwC6j6zb5nTlmb1dAx8nwo3qF7RPYGmloRM'),
    );
  });

  it('picks the built-in key of the configured id', () => {
    const { id, publicKey } = resolveServerKey({ serverPublicKeyId: 18 });
    expect(id).toBe(18);
    expect(publicKey).toEqual(
      base64Decode('BNhngQqTT1bPKxGuB6FhbPTAeNVFl8PKGGSGo5W06xWIReutm6ix6JPivqnbvkydY-1uDQTr-5e6t70G01Bb5JA'),
    );
  });

  it('prefers a custom key, keeping its id (default 7)', () => {
    const custom = new Uint8Array(65).fill(9);
    custom[0] = 4;
    expect(resolveServerKey({ serverPublicKeyId: 20, serverPublicKey: custom })).toEqual({ id: 20, publicKey: custom });
    expect(resolveServerKey({ serverPublicKeyId: 10, serverPublicKey: custom }).publicKey).toBe(custom);
    expect(resolveServerKey({ serverPublicKey: custom })).toEqual({ id: 7, publicKey: custom });
  });

  it('rejects an id without a built-in key when no custom key is configured', () => {
    for (const id of [0, 6, 19, 20]) {
      expect(
        expectKsmError(() => resolveServerKey({ serverPublicKeyId: id }), 'ERR_UNKNOWN_SERVER_KEY').details.keyId,
      ).toBe(id);
    }
  });
});
