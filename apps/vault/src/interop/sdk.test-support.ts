// Test support: drives the unmodified official JS SDK (spec §9.2) against a running vault.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import * as ksm from '@keeper-security/secrets-manager-core';
import { trustVaultInOfficialSdk } from '@ksmkit/test-support/official-sdk';
import { dataDirPaths } from '../store/data-dir.js';

/**
 * Points the SDK's https transport (API, uploads, downloads) at the vault's CA, optionally from a local address.
 *
 * @example
 * trustVault(dataDir, { localAddress: '127.0.0.2' });
 */
export function trustVault(dataDir: string, options: { localAddress?: string } = {}): void {
  trustVaultInOfficialSdk(dataDirPaths(dataDir).caCert, options);
}

/** SDK options for a device; `storage` holds its config. */
export interface SdkDevice {
  readonly options: ksm.SecretManagerOptions;
  readonly storage: ksm.KeyValueStorage;
}

/**
 * Initialises an in-memory SDK config from a one-time token (1-part token + explicit host:port).
 *
 * @example
 * const device = await sdkDevice(token, server.hostname, serverKey.publicKeyText);
 */
export async function sdkDevice(
  token: string,
  hostname: string,
  serverPublicKey: string,
  extra: Partial<ksm.SecretManagerOptions> = {},
): Promise<SdkDevice> {
  const storage = ksm.inMemoryStorage({});
  await ksm.initializeStorage(storage, token, hostname);
  return { storage, options: { storage, serverPublicKey, serverPublicKeyId: '20', ...extra } };
}

/**
 * The SDK error body of a rejected call, parsed (JS SDK throws `Error(body)`).
 *
 * @example
 * const body = await sdkErrorBody(ksm.getSecrets(options)); // { error: 'access_denied', ... }
 */
export async function sdkErrorBody(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    const message = (error as Error).message;
    try {
      return JSON.parse(message) as Record<string, unknown>;
    } catch {
      return { message };
    }
  }
  throw new Error('expected the SDK call to fail');
}

/**
 * GETs an https URL trusting the vault's CA; resolves with the status and body.
 *
 * @example
 * const { status } = await httpsGet(url, dataDir);
 */
export function httpsGet(url: string, dataDir: string): Promise<{ status: number; body: Uint8Array }> {
  const ca = readFileSync(dataDirPaths(dataDir).caCert);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method: 'GET', ca, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: new Uint8Array(Buffer.concat(chunks)) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * POSTs raw bytes over https trusting the vault's CA.
 *
 * @example
 * const { status, body } = await httpsPost(url, dataDir, bytes, { 'content-type': 'multipart/form-data; boundary=x' });
 */
export function httpsPost(
  url: string,
  dataDir: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; body: Uint8Array }> {
  const ca = readFileSync(dataDirPaths(dataDir).caCert);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method: 'POST', ca, agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: new Uint8Array(Buffer.concat(chunks)) }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}
