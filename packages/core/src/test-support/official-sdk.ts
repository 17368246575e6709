// Test support (Node only): runs the unmodified official JS SDK against an in-process KSM server built from
// plaintexts with our owner-side key chain. Only the transports are replaced (queryFunction, platform.get).
import * as ksm from '@keeper-security/secrets-manager-core';
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair, importEcdhPrivateKey } from '../crypto/ec-keys.js';
import { randomBytes } from '../crypto/random.js';
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { encryptResponse, openRequest, verifyRequestSignature } from '../keychain/server-envelope.js';
import { buildTestApp, type TestApp, type TestAppInput } from './test-app.js';

export type { TestAppInput, TestFileInput, TestFolderInput, TestRecordInput } from './test-app.js';

/** One request the fake server received. */
export interface HarnessRequest {
  readonly endpoint: string;
  readonly payload: Record<string, unknown>;
  readonly signatureValid: boolean;
}

/** What `createOfficialHarness` returns. */
export interface OfficialHarness {
  /** Pass to any official SDK call (`getSecrets(options)`, `getFolders(options)`, `getNotationResults(options, …)`). */
  readonly options: ksm.SecretManagerOptions;
  /** url → encrypted bytes served to `downloadFile` / `downloadThumbnail` (via the patched `platform.get`). */
  readonly downloads: Map<string, Uint8Array>;
  /** The app as built (raw keys, UIDs, response renderers). */
  readonly app: TestApp;
  /** The bound device config placed in the SDK's in-memory storage. */
  readonly config: Readonly<Record<string, string>>;
  /** Every request received, in order. */
  readonly requests: HarnessRequest[];
}

/** Download blobs of every harness in this process; `platform.get` is patched once to serve them. */
const allDownloads = new Map<string, Uint8Array>();
let platformPatched = false;

function patchPlatformGet(): void {
  if (platformPatched) return;
  platformPatched = true;
  ksm.platform.get = async (url: string) => {
    const data = allDownloads.get(url);
    if (data === undefined) return { statusCode: 404, headers: {}, data: new Uint8Array(0) };
    return { statusCode: 200, headers: {}, data: new Uint8Array(data) };
  };
}

function jsonError(statusCode: number, error: string, message: string): ksm.KeeperHttpResponse {
  return { statusCode, headers: {}, data: new TextEncoder().encode(JSON.stringify({ error, message })) };
}

/**
 * Builds an app from plaintext records/folders/files and returns official-SDK options bound to it. The fake
 * server ECIES-decrypts each request with its own key, verifies the device signature, honours
 * `requestedRecords`, and answers get_secret and get_folders (other endpoints get HTTP 400).
 *
 * @example
 * const { options } = await createOfficialHarness({ records: [{ recordUid, data }] });
 * const { records } = await ksm.getSecrets(options);
 */
export async function createOfficialHarness(input: TestAppInput): Promise<OfficialHarness> {
  patchPlatformGet();
  const app = await buildTestApp(input);
  for (const [url, data] of app.downloads) allDownloads.set(url, data);
  const device = await generateEcKeyPair();
  const server = await generateEcKeyPair();
  const owner = await generateEcKeyPair();
  const serverKey = await importEcdhPrivateKey(server.privateKey);
  const config: Record<string, string> = {
    hostname: 'ksm.ksmkit.test',
    clientId: await computeClientId(randomBytes(32)),
    privateKey: base64Encode(device.privateKey),
    appKey: base64Encode(app.appKey),
    appOwnerPublicKey: base64Encode(owner.publicKey),
    serverPublicKeyId: '20',
    serverPublicKey: base64UrlEncode(server.publicKey),
  };
  const requests: HarnessRequest[] = [];

  const queryFunction = async (
    url: string,
    transmissionKey: ksm.TransmissionKey,
    encrypted: ksm.EncryptedPayload,
  ): Promise<ksm.KeeperHttpResponse> => {
    const endpoint = url.slice(url.lastIndexOf('/') + 1);
    const body = new Uint8Array(encrypted.payload);
    const opened = await openRequest({
      transmissionKeyHeader: base64Encode(transmissionKey.encryptedKey),
      body,
      serverPrivateKey: serverKey,
    });
    const signatureValid = await verifyRequestSignature({
      encryptedTransmissionKey: opened.encryptedTransmissionKey,
      body,
      authorizationHeader: `Signature ${base64Encode(encrypted.signature)}`,
      publicKey: device.publicKey,
    });
    const payload = opened.payload as Record<string, unknown>;
    requests.push({ endpoint, payload, signatureValid });
    if (!signatureValid || payload.clientId !== config.clientId) {
      return jsonError(403, 'access_denied', 'Signature is invalid');
    }
    let result: unknown;
    if (endpoint === 'get_secret') {
      const requested = Array.isArray(payload.requestedRecords) ? (payload.requestedRecords as string[]) : null;
      result = app.getSecretResponse({ requestedRecords: requested });
    } else if (endpoint === 'get_folders') {
      result = app.getFoldersResponse();
    } else {
      return jsonError(400, 'bad_request', `The test harness does not implement ${endpoint}`);
    }
    return { statusCode: 200, headers: {}, data: await encryptResponse(opened.responseKey, result) };
  };

  const options: ksm.SecretManagerOptions = { storage: ksm.inMemoryStorage({ ...config }), queryFunction };
  return { options, downloads: app.downloads, app, config, requests };
}
