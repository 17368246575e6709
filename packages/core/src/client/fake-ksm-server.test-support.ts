// Test support (any runtime): an in-process fake KSM server behind a FetchFunction, serving one built test app.
import { writeDeviceConfig } from '../config/config-storage.js';
import { createMemoryStorage } from '../config/memory-storage.js';
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair, importEcdhPrivateKey } from '../crypto/ec-keys.js';
import { randomBytes } from '../crypto/random.js';
import { utf8Encode } from '../encoding/bytes.js';
import { encryptResponse, openRequest } from '../keychain/server-envelope.js';
import type { WireRecord, WireSecretsResponse } from '../keychain/wire-types.js';
import { buildTestApp, type TestFolderInput, type TestRecordInput } from '../test-support/test-app.js';
import type { FetchFunction } from './transport.js';

/** The filters of a get_secret request. */
interface SecretsRequest {
  readonly requestedRecords?: string[];
  readonly requestedFolders?: string[];
  readonly requestLinks?: boolean;
}

/** The default app: one file record whose file has a thumbnail. */
const THUMBNAIL_RECORD: TestRecordInput = {
  data: { title: 'With thumbnail', type: 'file', fields: [] },
  files: [{ metadata: { name: 'a.png', size: 3 }, content: utf8Encode('png'), thumbnail: utf8Encode('thumb') }],
};

/**
 * A bound device config in memory (with an app owner key) and a fetch that answers get_folders with the app's
 * folders, every other KSM call with the app's full get_secret (plus an expiry and two warnings) and every GET
 * with the file blobs; `garble` answers undecryptable bytes, `deny` answers HTTP 403 with that JSON body,
 * `appKey` stores another (wrong) app key in the device config.
 *
 * @example
 * const { storage, fetch } = await fakeServer();
 * const client = createClient({ storage, fetch });
 */
export async function fakeServer(
  options: {
    garble?: boolean;
    records?: readonly TestRecordInput[];
    folders?: readonly TestFolderInput[];
    deny?: Readonly<Record<string, string>>;
    appKey?: Uint8Array<ArrayBuffer>;
  } = {},
) {
  const app = await buildTestApp({
    records: options.records ?? [THUMBNAIL_RECORD],
    ...(options.folders === undefined ? {} : { folders: options.folders }),
  });
  const owner = await generateEcKeyPair();
  const server = await generateEcKeyPair();
  const serverKey = await importEcdhPrivateKey(server.privateKey);
  const device = await generateEcKeyPair();
  const storage = createMemoryStorage();
  await writeDeviceConfig(storage, {
    hostname: 'ksm.example.test',
    clientId: await computeClientId(randomBytes(32)),
    privateKey: device.privateKey,
    appKey: options.appKey ?? app.appKey,
    serverPublicKeyId: 20,
    serverPublicKey: server.publicKey,
    appOwnerPublicKey: owner.publicKey,
  });
  // get_secret honours requestedRecords, requestedFolders and requestLinks as a KSM server does.
  const secretsFor = (request: SecretsRequest): WireSecretsResponse => {
    const response = app.getSecretResponse({ requestedRecords: request.requestedRecords ?? null });
    const links = (record: WireRecord): WireRecord => {
      if (request.requestLinks === true) return record;
      const { links: _dropped, ...rest } = record;
      return rest;
    };
    const wanted = request.requestedFolders === undefined ? null : new Set(request.requestedFolders);
    const folders = (response.folders ?? []).filter((f) => wanted === null || wanted.has(f.folderUid));
    return {
      ...response,
      folders: folders.map((f) => ({ ...f, records: (f.records ?? []).map(links) })),
      records: wanted === null ? (response.records ?? []).map(links) : [],
    };
  };
  const fetch: FetchFunction = async (url, init) => {
    if ((init.method ?? 'GET') === 'GET') {
      const blob = app.downloads.get(url);
      return blob === undefined ? new Response(null, { status: 404 }) : new Response(blob, { status: 200 });
    }
    const headers = new Headers(init.headers);
    const opened = await openRequest({
      transmissionKeyHeader: headers.get('TransmissionKey') ?? '',
      body: new Uint8Array(init.body as Uint8Array<ArrayBuffer>),
      serverPrivateKey: serverKey,
    });
    if (options.deny !== undefined) return new Response(JSON.stringify(options.deny), { status: 403 });
    if (options.garble) return new Response(randomBytes(64), { status: 200 });
    const json = url.endsWith('/get_folders')
      ? app.getFoldersResponse()
      : {
          ...secretsFor(opened.payload as SecretsRequest),
          expiresOn: 1_900_000_000_000,
          warnings: ['Expires soon', 'Second'],
        };
    return new Response(await encryptResponse(opened.transmissionKey, json), { status: 200 });
  };
  return { storage, fetch, app };
}
