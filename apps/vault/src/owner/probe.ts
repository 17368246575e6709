// A real get_secret round trip from a bound device config (ksmkit core client side): `demo --once` uses it.

import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { base64Decode, buildRequest, decryptResponse, decryptSecrets, importSigningKey } from '@ksmkit/core';
import { VaultError } from '../store/errors.js';

/** What the probe saw. */
export interface ProbeResult {
  readonly appTitle: string | null;
  readonly recordTitles: readonly string[];
  readonly folders: number;
}

function post(url: string, body: Uint8Array, headers: Record<string, string>, ca: string | undefined) {
  return new Promise<{ status: number; body: Uint8Array<ArrayBuffer> }>((resolve, reject) => {
    const send = url.startsWith('https:') ? request : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(body.length) },
        ...(ca === undefined ? {} : { ca }),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: new Uint8Array(Buffer.concat(chunks)) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `get_secret` as the device of a bound config to `baseUrl` and decrypts the answer.
 * Throws `ERR_SERVER_START` (no secrets in the message) when the server refuses or the answer does not decrypt.
 *
 * @example
 * const { recordTitles } = await probeGetSecret('https://127.0.0.1:8443', config, caPem);
 */
export async function probeGetSecret(
  baseUrl: string,
  config: Readonly<Record<string, string>>,
  caPem?: string,
): Promise<ProbeResult> {
  const signingKey = await importSigningKey(base64Decode(config.privateKey ?? ''));
  const req = await buildRequest({
    payload: { clientVersion: 'ms17.5.0', clientId: config.clientId },
    serverPublicKey: base64Decode(config.serverPublicKey ?? ''),
    serverPublicKeyId: config.serverPublicKeyId ?? '20',
    signingKey,
  });
  const response = await post(
    `${baseUrl}/api/rest/sm/v1/get_secret`,
    req.body,
    {
      PublicKeyId: req.publicKeyId,
      TransmissionKey: req.transmissionKeyHeader,
      Authorization: req.authorizationHeader,
      'Content-Type': 'application/octet-stream',
    },
    caPem,
  );
  if (response.status !== 200) {
    throw new VaultError('ERR_SERVER_START', `The vault answered get_secret with HTTP ${response.status}`, {
      status: response.status,
    });
  }
  const secrets = await decryptSecrets(await decryptResponse(req.responseKey, response.body), {
    appKey: base64Decode(config.appKey ?? ''),
  });
  const titles = secrets.records.map((record) => record.data.title);
  return {
    appTitle: secrets.appData?.title ?? null,
    recordTitles: [...new Set(titles)],
    folders: secrets.folders.length,
  };
}
