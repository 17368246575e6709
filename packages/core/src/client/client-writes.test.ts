// Client writes are never retried: after a network error each is sent exactly once and fails with ERR_NETWORK.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { fakeServer } from './fake-ksm-server.test-support.js';
import { createClient, type FetchFunction, type KsmClient } from './index.js';

const FOLDER = 'SHAREDfolderAAAAAAAAAA';
const SUB = 'SUBfolderCCCCCCCCCCCCC';
const WRITES = [
  'create_secret',
  'update_secret',
  'finalize_secret_update',
  'delete_secret',
  'create_folder',
  'update_folder',
  'delete_folder',
  'add_file',
];

/** A client whose reads reach a fake server and whose writes all fail on the network, with every send counted. */
async function failingWrites() {
  const server = await fakeServer({
    folders: [
      { folderUid: FOLDER, name: 'Ops' },
      { folderUid: SUB, name: 'Payments', parentUid: FOLDER },
    ],
    records: [{ data: { title: 'DB', type: 'login', fields: [] }, folderUid: FOLDER }],
  });
  const sent = new Map<string, number>();
  const sleeps: number[] = [];
  const fetch: FetchFunction = (url, init) => {
    const endpoint = url.slice(url.lastIndexOf('/') + 1);
    sent.set(endpoint, (sent.get(endpoint) ?? 0) + 1);
    if (WRITES.includes(endpoint)) return Promise.reject(new TypeError('fetch failed'));
    return server.fetch(url, init);
  };
  const client = createClient({
    storage: server.storage,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { client, sent, sleeps };
}

/** The item at `index`, or a test failure. */
function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const cases: [string, (client: KsmClient) => Promise<unknown>][] = [
  ['create_secret', async (c) => c.createSecret({ folderUid: SUB, data: { title: 'New', type: 'login', fields: [] } })],
  ['update_secret', async (c) => c.updateSecret(at((await c.getSecrets()).records, 0))],
  ['update_secret', async (c) => c.updateSecret(at((await c.getSecrets()).records, 0), { transactionType: 'general' })],
  ['finalize_secret_update', async (c) => c.completeTransaction('RECORDuidAAAAAAAAAAAAA')],
  ['delete_secret', async (c) => c.deleteSecrets(['RECORDuidAAAAAAAAAAAAA'])],
  ['create_folder', async (c) => c.createFolder({ parentUid: FOLDER, name: 'New' })],
  ['update_folder', async (c) => c.updateFolder(SUB, 'Renamed')],
  ['update_folder', async (c) => c.updateFolder(at((await c.getFolders()).folders, 1), 'Renamed')],
  ['delete_folder', async (c) => c.deleteFolders([SUB], { force: true })],
  [
    'add_file',
    async (c) => c.uploadFile(at((await c.getSecrets()).records, 0), { name: 'a.txt', content: utf8Encode('a') }),
  ],
];

describe('client writes after a network error', () => {
  it.each(cases)('sends %s exactly once and fails with ERR_NETWORK', async (endpoint, write) => {
    const { client, sent, sleeps } = await failingWrites();
    const error = await rejection(write(client), 'ERR_NETWORK');
    expect(error.details.endpoint).toBe(endpoint);
    expect(sent.get(endpoint)).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a read after the same network error (the control case)', async () => {
    const server = await fakeServer();
    let failures = 1;
    const fetch: FetchFunction = (url, init) =>
      failures-- > 0 ? Promise.reject(new TypeError('fetch failed')) : server.fetch(url, init);
    const sleeps: number[] = [];
    const client = createClient({ storage: server.storage, fetch, sleep: async (ms) => void sleeps.push(ms) });
    expect((await client.getSecrets()).records).toHaveLength(1);
    expect(sleeps).toEqual([250]);
  });
});
