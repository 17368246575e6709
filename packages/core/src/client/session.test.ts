// The lean client: a session plus standalone operations, against an in-process fake KSM server.

import { TOTP_URI } from '@ksmkit/test-support/client-seed';
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { fakeServer } from './fake-ksm-server.test-support.js';
import {
  createClient,
  createSession,
  downloadFile,
  downloadThumbnail,
  type FetchFunction,
  getAppInfo,
  getRecordTotpCode,
  getSecrets,
  getSecretsByTitle,
  resolveNotation,
} from './index.js';

const POSTGRES = {
  data: {
    title: 'Postgres',
    type: 'login',
    fields: [
      { type: 'password', value: ['s3cr3t!'] },
      { type: 'oneTimeCode', value: [TOTP_URI] },
    ],
  },
  files: [{ metadata: { name: 'ca.pem', size: 11 }, content: utf8Encode('PEM-CONTENT'), thumbnail: utf8Encode('t') }],
};

function counted(fetch: FetchFunction) {
  let requests = 0;
  const wrapped: FetchFunction = (url, init) => {
    requests += 1;
    return fetch(url, init);
  };
  return { fetch: wrapped, requests: () => requests };
}

describe('createSession', () => {
  it('sends nothing until an operation runs', async () => {
    const server = await fakeServer({ records: [POSTGRES] });
    const counter = counted(server.fetch);
    const ksm = createSession({ storage: server.storage, fetch: counter.fetch });
    expect(counter.requests()).toBe(0);
    expect((await getSecrets(ksm)).records.map((r) => r.data.title)).toEqual(['Postgres']);
    expect(counter.requests()).toBe(1);
  });

  it('reads records, notation, files and app info through standalone operations', async () => {
    const { storage, fetch } = await fakeServer({ records: [POSTGRES] });
    const warnings: string[] = [];
    const ksm = createSession({ storage, fetch, onWarning: (w) => warnings.push(w) });
    const [postgres] = await getSecretsByTitle(ksm, 'Postgres');
    if (postgres === undefined) throw new Error('no record');
    expect(await resolveNotation(ksm, 'keeper://Postgres/field/password')).toEqual(['s3cr3t!']);
    expect(await resolveNotation(ksm, `keeper://${postgres.recordUid}/file/ca.pem`)).toEqual(['UEVNLUNPTlRFTlQ']);
    await rejection(resolveNotation(ksm, 'keeper://Nothing/field/password'), 'ERR_NOTATION_RECORD_NOT_FOUND');
    const [file] = postgres.files;
    if (file === undefined) throw new Error('no file');
    expect(utf8Decode(await downloadFile(ksm, file))).toBe('PEM-CONTENT');
    expect(utf8Decode(await downloadThumbnail(ksm, file))).toBe('t');
    expect(await getAppInfo(ksm)).toMatchObject({ expiresOn: 1_900_000_000_000, warnings: ['Expires soon', 'Second'] });
    expect(warnings).toContain('Expires soon');
  });

  it('answers like createClient over the same device', async () => {
    const { storage, fetch } = await fakeServer({ records: [POSTGRES] });
    const client = createClient({ storage, fetch });
    const ksm = createSession({ storage, fetch });
    const notation = 'Postgres/field/password';
    expect(await resolveNotation(ksm, notation)).toEqual(await client.getNotationResults(notation));
    const [a, b] = await Promise.all([getSecrets(ksm), client.getSecrets()]);
    expect(a.records.map((r) => r.recordUid)).toEqual(b.records.map((r) => r.recordUid));
  });

  it('keeps the memory cache per session', async () => {
    const server = await fakeServer({ records: [POSTGRES] });
    const counter = counted(server.fetch);
    const options = { storage: server.storage, fetch: counter.fetch, cache: { ttlMs: 60_000 } };
    const first = createSession(options);
    await getSecrets(first);
    await getSecrets(first);
    expect(counter.requests()).toBe(1);
    await getSecrets(createSession(options));
    expect(counter.requests()).toBe(2);
  });
});

describe('getRecordTotpCode', () => {
  it('computes the code of the first oneTimeCode field at a given time', async () => {
    expect(await getRecordTotpCode(POSTGRES, 59)).toEqual({ code: '94287082', timeLeft: 1, period: 30 });
  });

  it('defaults to now and returns null for a record without a oneTimeCode field', async () => {
    expect((await getRecordTotpCode(POSTGRES))?.code).toMatch(/^\d{8}$/);
    expect(await getRecordTotpCode({ data: { title: 'x', type: 'login', fields: [] } })).toBeNull();
  });
});
