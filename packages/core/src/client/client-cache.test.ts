// The TTL read cache of one client: every request parameter is part of the key, so different reads never share.
import { describe, expect, it } from 'vitest';
import { fakeServer } from './fake-ksm-server.test-support.js';
import { createClient, type FetchFunction, type GetSecretsOptions, type KsmClient } from './index.js';

const FOLDER = 'SHAREDfolderAAAAAAAAAA';
const IN_FOLDER = 'RECORDinFolderAAAAAAAA';
const DIRECT = 'RECORDdirectAAAAAAAAAA';
const LINK = { recordUid: DIRECT, data: null, path: null };

async function cachedClient() {
  const server = await fakeServer({
    folders: [{ folderUid: FOLDER, name: 'Ops' }],
    records: [
      {
        recordUid: IN_FOLDER,
        data: { title: 'In folder', type: 'login', fields: [] },
        folderUid: FOLDER,
        links: [LINK],
      },
      { recordUid: DIRECT, data: { title: 'Direct', type: 'login', fields: [] } },
    ],
  });
  let requests = 0;
  const fetch: FetchFunction = (url, init) => {
    requests += 1;
    return server.fetch(url, init);
  };
  const client = createClient({ storage: server.storage, fetch, cache: { ttlMs: 60_000 }, clock: () => 1_000 });
  return { client, requests: () => requests };
}

/** What a read returned, in a form that tells different answers apart. */
async function view(client: KsmClient, options: GetSecretsOptions) {
  const { records } = await client.getSecrets(options);
  return records.map((r) => `${r.recordUid}${r.links === null ? '' : ` links:${r.links.length}`}`).sort();
}

// Each read differs from the others in exactly one request parameter, and each answer differs too.
const READS: [string, GetSecretsOptions, string[]][] = [
  ['everything', {}, [DIRECT, IN_FOLDER]],
  ['record UIDs', { uids: [DIRECT] }, [DIRECT]],
  ['the folder UID as a record UID', { uids: [FOLDER] }, []],
  ['the folder UID as a folder UID', { folderUids: [FOLDER] }, [IN_FOLDER]],
  ['everything with links', { requestLinks: true }, [DIRECT, `${IN_FOLDER} links:1`]],
  ['one folder with links', { folderUids: [FOLDER], requestLinks: true }, [`${IN_FOLDER} links:1`]],
];

describe('the TTL cache of a client', () => {
  it('never serves one read from the entry of another that differs in any request parameter', async () => {
    const { client, requests } = await cachedClient();
    for (const [name, options, expected] of READS) {
      expect(await view(client, options), name).toEqual(expected);
    }
    expect(requests()).toBe(READS.length);
    // The same reads again come from their own entries, still distinct.
    for (const [name, options, expected] of READS) {
      expect(await view(client, options), `${name} (cached)`).toEqual(expected);
    }
    expect(requests()).toBe(READS.length);
  });

  it('serves a repeated identical read from its one entry', async () => {
    const { client, requests } = await cachedClient();
    await view(client, { uids: [DIRECT, IN_FOLDER] });
    await view(client, { uids: [DIRECT, IN_FOLDER] });
    expect(requests()).toBe(1);
  });
});
