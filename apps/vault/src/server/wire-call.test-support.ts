// Test support: an in-process vault app on a fixture data directory, and a signed KSM call helper.
import {
  base64Encode,
  buildRequest,
  concatBytes,
  decryptResponse,
  type EcKeyPair,
  gcmEncrypt,
  generateEcKeyPair,
  importEcdhPrivateKey,
  importSigningKey,
  publicEncrypt,
  randomBytes,
  signEcdsa,
} from '@ksmkit/core';
import { createFixtureVault, type FixtureVault } from '../interop/fixture-vault.test-support.js';
import { type CreateAppOptions, createApp } from './app.js';
import type { ServerContext } from './context.js';
import { deriveUrlSigningKey } from './file-urls.js';
import { createReplayCache } from './replay-cache.js';
import { createThrottle } from './throttle.js';

// biome-ignore lint/suspicious/noExplicitAny: decrypted wire JSON is inspected structurally by the assertions
export type Wire = any;

/** A fixture vault served in-process. */
export interface WireHarness {
  readonly vault: FixtureVault;
  readonly ctx: ServerContext;
  readonly app: ReturnType<typeof createApp>;
  /** Lines the app logged (request log and error log). */
  readonly logs: string[];
  /** A new client of the fixture app, bound with get_secret. */
  bindDevice(options?: { unlockIp?: boolean }): Promise<{ clientId: string; keys: EcKeyPair }>;
  /** Signs and sends one call; decrypts a 200 body. */
  call(
    device: { clientId: string; keys: EcKeyPair },
    endpoint: string,
    payload: Record<string, unknown>,
  ): Promise<{ status: number; json: Wire; headers: Headers }>;
  /** Sends raw already-encrypted request parts. */
  send(
    endpoint: string,
    parts: { transmissionKey: string; authorization: string; body: Uint8Array },
  ): Promise<Response>;
  /** Encrypts and signs arbitrary plaintext bytes as a request body (for garbled payloads). */
  sealRaw(
    keys: EcKeyPair,
    plaintext: Uint8Array<ArrayBuffer>,
  ): Promise<{ transmissionKey: string; authorization: string; body: Uint8Array }>;
}

/**
 * Creates a fixture vault and its app (throttle off unless given, client IP 127.0.0.1).
 *
 * @example
 * const h = await createWireHarness();
 * const device = await h.bindDevice();
 * const { json } = await h.call(device, 'get_secret', {});
 */
export async function createWireHarness(options: CreateAppOptions = {}): Promise<WireHarness> {
  const vault = await createFixtureVault({ appTitle: 'wire harness' });
  const ctx: ServerContext = {
    db: vault.db,
    serverPrivateKey: await importEcdhPrivateKey(vault.serverKey.privateKey),
    ownerPublicKey: vault.ownerPublicKey,
    urlSigningKey: deriveUrlSigningKey(vault.serverKey.privateKey),
    throttle: createThrottle({ requests: 1_000_000, windowSeconds: 1 }),
    replay: createReplayCache(),
    now: () => Date.now(),
    fileUrlTtlSeconds: 60,
    maxUploadBytes: 1_000_000,
  };
  const logs: string[] = [];
  const app = createApp(ctx, { clientIp: () => '127.0.0.1', log: (line) => logs.push(line), ...options });
  const send: WireHarness['send'] = async (endpoint, parts) =>
    app.request(`/api/rest/sm/v1/${endpoint}`, {
      method: 'POST',
      headers: {
        TransmissionKey: parts.transmissionKey,
        Authorization: parts.authorization,
        PublicKeyId: String(vault.serverKey.keyId),
      },
      body: parts.body as Uint8Array<ArrayBuffer>,
    });
  const call: WireHarness['call'] = async (device, endpoint, payload) => {
    const request = await buildRequest({
      payload: { clientVersion: 'ms17.0.0', clientId: device.clientId, ...payload },
      serverPublicKey: vault.serverKey.publicKey,
      serverPublicKeyId: vault.serverKey.keyId,
      signingKey: await importSigningKey(device.keys.privateKey),
    });
    const response = await send(endpoint, {
      transmissionKey: request.transmissionKeyHeader,
      authorization: request.authorizationHeader,
      body: request.body,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const json =
      response.status !== 200
        ? JSON.parse(new TextDecoder().decode(bytes))
        : await decryptResponse(request.responseKey, bytes);
    return { status: response.status, json, headers: response.headers };
  };
  return {
    vault,
    ctx,
    app,
    logs,
    send,
    call,
    async bindDevice(bindOptions = {}) {
      const { clientId } = await vault.addClient({ unlockIp: bindOptions.unlockIp ?? false });
      const keys = await generateEcKeyPair();
      const bound = await call({ clientId, keys }, 'get_secret', { publicKey: base64Encode(keys.publicKey) });
      if (bound.status !== 200) throw new Error(`binding failed: ${JSON.stringify(bound.json)}`);
      return { clientId, keys };
    },
    async sealRaw(keys, plaintext) {
      const transmissionKey = randomBytes(32);
      const encryptedKey = await publicEncrypt(transmissionKey, vault.serverKey.publicKey);
      const body = await gcmEncrypt(transmissionKey, plaintext);
      const signature = await signEcdsa(await importSigningKey(keys.privateKey), concatBytes(encryptedKey, body));
      return {
        transmissionKey: base64Encode(encryptedKey),
        authorization: `Signature ${base64Encode(signature)}`,
        body,
      };
    },
  };
}
