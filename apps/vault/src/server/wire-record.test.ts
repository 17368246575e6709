// Tests of get_secret record objects: every §5.1.4 key, in order, std base64, signed file URLs with one expiry.
import { base64Encode } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import type { RequestScope, ServerContext } from './context.js';
import { verifyCapability } from './file-urls.js';
import { fileUrlSigner, renderRecord } from './wire-record.js';

const key = new Uint8Array(32).fill(7);
let clock = 1_000_000;
const scope = {
  ctx: { urlSigningKey: key, fileUrlTtlSeconds: 60, now: () => clock++ } as unknown as ServerContext,
  appUid: 'app',
  clientId: 'client',
  origin: 'https://127.0.0.1:8443',
  accessExpiresAt: null,
} satisfies RequestScope;

const row = {
  uid: 'rec',
  innerFolderUid: 'sub',
  wrappedKey: new Uint8Array([0xfb, 0xff]),
  data: Buffer.from([1, 2, 3, 4]),
  revision: 5,
};

describe('renderRecord', () => {
  it('renders every key in wire order, links only when asked', () => {
    const sign = fileUrlSigner(scope);
    const plain = renderRecord(row, true, false, undefined, sign);
    expect(JSON.stringify(plain)).toBe(
      '{"recordUid":"rec","recordKey":"+/8=","data":"AQIDBA==","revision":5,"isEditable":true,"files":[],"folderUid":null,"innerFolderUid":"sub"}',
    );
    expect(Object.keys(renderRecord(row, false, true, undefined, sign)).at(-1)).toBe('links');
  });

  it('renders uploaded files with signed URLs that share one expiry per response', () => {
    const sign = fileUrlSigner(scope);
    const file = (uid: string, hasThumbnail: number) => ({
      uid,
      recordUid: 'rec',
      linkKey: new Uint8Array([9]),
      data: new Uint8Array([8, 8]),
      hasThumbnail,
    });
    const wire = renderRecord(row, false, false, [file('f1', 1), file('f2', 0)], sign);
    expect(wire.files.map((f) => [f.fileUid, f.fileKey, f.data, f.thumbnailUrl === null])).toEqual([
      ['f1', base64Encode(new Uint8Array([9])), base64Encode(new Uint8Array([8, 8])), false],
      ['f2', base64Encode(new Uint8Array([9])), base64Encode(new Uint8Array([8, 8])), true],
    ]);
    const urls = [wire.files[0]?.url, wire.files[0]?.thumbnailUrl, wire.files[1]?.url].map((u) => new URL(u as string));
    const expires = new Set(urls.map((u) => u.searchParams.get('expires')));
    expect(expires.size).toBe(1);
    for (const [url, uid, capability] of [
      [urls[0], 'f1', 'content'],
      [urls[1], 'f1', 'thumbnail'],
      [urls[2], 'f2', 'content'],
    ] as const) {
      expect(url?.pathname).toBe(`/api/rest/sm/v1/files/${uid}/${capability}`);
      const sig = url?.searchParams.get('sig') as string;
      expect(verifyCapability(key, capability, uid, Number(url?.searchParams.get('expires')), sig, clock)).toBe(true);
    }
  });
});
