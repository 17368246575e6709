// nodeCipher against WebCrypto's GCM and, end to end, a client that uses it against a real vault.
import { readFileSync } from 'node:fs';
import {
  base64Decode,
  base64Encode,
  base64UrlEncode,
  createClient,
  createMemoryStorage,
  gcmEncrypt,
  generateAesKey,
  isKsmError,
  type KsmClient,
  OpaqueAesKey,
  parseDeviceConfig,
  utf8Decode,
  utf8Encode,
  writeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCipher } from './node-cipher.js';
import { createNodeFetch } from './node-fetch.js';

describe('nodeCipher', () => {
  it('opens what WebCrypto sealed, for empty and long plaintexts', async () => {
    const key = generateAesKey();
    for (const size of [0, 1, 31, 4096]) {
      const plain = new Uint8Array(size).map((_, i) => i % 251);
      expect(nodeCipher.gcmDecrypt(key, await gcmEncrypt(key, plain))).toEqual(plain);
    }
  });

  it('throws on a flipped bit, a wrong key or a truncated tag', async () => {
    const key = generateAesKey();
    const sealed = await gcmEncrypt(key, utf8Encode('secret'));
    const flipped = sealed.slice();
    flipped[14] = (flipped[14] as number) ^ 1;
    expect(() => nodeCipher.gcmDecrypt(key, flipped)).toThrow();
    expect(() => nodeCipher.gcmDecrypt(generateAesKey(), sealed)).toThrow();
    expect(() => nodeCipher.gcmDecrypt(key, sealed.subarray(0, sealed.length - 1))).toThrow();
  });
});

const SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        { type: 'login', title: 'Database', fields: { login: 'svc-app', password: 'db-pass-1' } },
        { type: 'login', title: 'Queue', fields: { login: 'svc-queue', password: 'q-pass-2' } },
      ],
    },
  ],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops', editable: true }] }],
};

let vault: TestVault;
let ca: string;
beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  ca = readFileSync(vault.caCertPath as string, 'utf8');
}, 120_000);
afterAll(async () => {
  await vault?.stop();
});

async function client(cipher: typeof nodeCipher | undefined): Promise<KsmClient> {
  const minted = await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'json']);
  const storage = createMemoryStorage();
  await writeDeviceConfig(storage, await parseDeviceConfig(JSON.stringify(minted.config)));
  return createClient({ storage, fetch: createNodeFetch({ ca }), cipher, timeoutMs: 10_000 });
}

describe('a client with cipher: nodeCipher, against a real vault', () => {
  it('reads the same records as the WebCrypto client, updates them and round-trips a file', {
    timeout: 60_000,
  }, async () => {
    const [fast, web] = [await client(nodeCipher), await client(undefined)];
    const strip = (records: { recordUid: string; data: unknown; revision: number }[]) =>
      records.map(({ recordUid, data, revision }) => ({ recordUid, data, revision }));
    const mine = await fast.getSecrets();
    expect(strip(mine.records)).toEqual(strip((await web.getSecrets()).records));
    expect(mine.records.map((r) => r.data.title).sort()).toEqual(['Database', 'Queue']);
    expect(mine.records.every((r) => r.recordKey instanceof OpaqueAesKey)).toBe(true);
    expect(await fast.getNotationResults(`keeper://${vault.seeded.records.Database}/field/password`)).toEqual([
      'db-pass-1',
    ]);

    // an update made with an opaque record key is read back by the WebCrypto client
    const database = mine.records.find((r) => r.data.title === 'Database');
    if (database === undefined) throw new Error('no Database record');
    await fast.updateSecret({ ...database, data: { ...database.data, notes: 'rotated' } });
    const reread = (await web.getSecrets({ uids: [database.recordUid] })).records[0];
    expect(reread?.data.notes).toBe('rotated');

    // a file uploaded with the opaque key downloads through both clients
    const fresh = (await fast.getSecrets({ uids: [database.recordUid] })).records[0];
    if (fresh === undefined) throw new Error('no Database record');
    await fast.uploadFile(fresh, { name: 'note.txt', content: utf8Encode('attached') });
    const [withFile] = (await fast.getSecrets({ uids: [database.recordUid] })).records;
    const file = withFile?.files[0];
    if (file === undefined) throw new Error('no file');
    expect(file.fileKey).toBeInstanceOf(OpaqueAesKey);
    expect(utf8Decode(await fast.downloadFile(file))).toBe('attached');
    const [webView] = (await web.getSecrets({ uids: [database.recordUid] })).records;
    expect(utf8Decode(await web.downloadFile(webView?.files[0] as NonNullable<typeof file>))).toBe('attached');
  });
});

describe('nodeCipher.base64Decode', () => {
  const decode = nodeCipher.base64Decode as (text: string) => Uint8Array;

  it('decodes what core decodes: both alphabets, with and without padding', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    for (let length = 0; length <= bytes.length; length += 7) {
      const slice = bytes.subarray(0, length);
      const std = base64Encode(slice);
      for (const text of [std, std.replace(/=+$/, ''), base64UrlEncode(slice)]) {
        expect(decode(text)).toEqual(base64Decode(text));
      }
    }
  });

  it('agrees with core on 20,000 random texts over both alphabets, padding and stray characters', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=== .\n\u00e4';
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const outcome = (run: () => Uint8Array) => {
      try {
        return Array.from(run()).join();
      } catch (error) {
        return isKsmError(error) ? `${error.code} ${error.message}` : String(error);
      }
    };
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: next(24) }, () => alphabet[next(alphabet.length)]).join('');
      expect(
        outcome(() => decode(text)),
        text,
      ).toBe(outcome(() => base64Decode(text)));
    }
  });

  it('rejects exactly what core rejects, with core error', () => {
    for (const bad of [
      'A',
      'AAAAA',
      'AA=A',
      'AAA===',
      'A===',
      'AA AA',
      'AA\nA',
      'ÄAAA',
      'AA.A',
      'AAAA.AAA',
      'AB==AB==',
      '====',
    ]) {
      let ours: unknown;
      let core: unknown;
      try {
        decode(bad);
      } catch (error) {
        ours = error;
      }
      try {
        base64Decode(bad);
      } catch (error) {
        core = error;
      }
      expect(isKsmError(core, 'ERR_INVALID_BASE64')).toBe(true);
      expect(ours).toEqual(core);
    }
  });
});
