import { describe, expect, it } from 'vitest';
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { generateEcKeyPair, importEcdhPublicKey } from '../crypto/ec-keys.js';
import { publicDecrypt } from '../crypto/ecies.js';
import { createTransmissionPool } from './transmission-pool.js';

async function server() {
  const pair = await generateEcKeyPair();
  return { privateKey: pair.privateKey, publicKey: await importEcdhPublicKey(pair.publicKey) };
}

describe('createTransmissionPool', () => {
  it('hands out transmissions sealed to the asked server key, never the same one twice', async () => {
    const pool = createTransmissionPool();
    const a = await server();
    const b = await server();
    const taken = [];
    pool.prepare(a.publicKey);
    taken.push(await pool.take(a.publicKey)); // the prepared one
    taken.push(await pool.take(a.publicKey)); // nothing prepared: a fresh one
    pool.prepare(a.publicKey);
    taken.push(await pool.take(b.publicKey)); // prepared for another key: discarded, a fresh one for b
    const keys = new Set(taken.map((t) => t.transmissionKey.join()));
    expect(keys.size).toBe(3);
    for (const [i, t] of taken.entries()) {
      const recipient = i < 2 ? a : b;
      expect(await publicDecrypt(t.encryptedKey, recipient.privateKey)).toEqual(t.transmissionKey);
      const sealed = await gcmEncrypt(t.responseKey, new Uint8Array([i]));
      expect(await gcmDecrypt(t.transmissionKey, sealed)).toEqual(new Uint8Array([i]));
    }
  });

  it('reports a failed preparation only to the request that takes it', async () => {
    const pool = createTransmissionPool();
    const notEcdh = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);
    pool.prepare(notEcdh);
    await expect(pool.take(notEcdh)).rejects.toBeDefined();
    const ok = await server();
    expect((await pool.take(ok.publicKey)).encryptedKey).toHaveLength(125);
  });
});
