// Benchmark: decrypting a get_secret response (10 / 100 / 1,000 records) — ksmkit's key chain vs the official SDK.

import * as ksm from '@keeper-security/secrets-manager-core';
import { nodeCipher } from '@ksmkit/config';
import {
  base64Decode,
  base64Encode,
  buildRequest,
  decryptResponse,
  decryptSecrets,
  gcmEncrypt,
  generateAesKey,
  generateEcKeyPair,
  importSigningKey,
  type RecordData,
  utf8Encode,
} from '@ksmkit/core';
import { type BenchRow, time } from './harness.js';
import { buildSecretsPayload } from './secrets-payload.js';

/** Keeper's built-in server key id 7 (spec §2.4); the official SDK encrypts to it, so ours does too. */
const SERVER_KEY_7 = 'BK9w6TZFxE6nFNbMfIpULCup2a8xc6w2tUTABjxny7yFmxW0dAEojwC6j6zb5nTlmb1dAx8nwo3qF7RPYGmloRM';
const FOLDERS = 10;

function loginRecord(i: number): RecordData {
  return {
    title: `Service account ${i}`,
    type: 'login',
    fields: [
      { type: 'passkey', value: [] },
      { type: 'login', value: [`svc-${i}@example.com`] },
      { type: 'password', value: [`p4ss-${i}-Xq9!vR2#mZ7@kL`], enforceGeneration: false },
      { type: 'url', value: [`https://app-${i}.example.com/login`] },
      { type: 'fileRef', value: [] },
      { type: 'oneTimeCode', value: [] },
    ],
    custom: [{ type: 'text', label: 'Environment', value: [i % 2 === 0 ? 'production' : 'staging'] }],
    notes: `Rotated quarterly. Owner: team ${i % 7}. Ticket OPS-${1000 + i}.`,
  };
}

/** Builds the response JSON once: 10 shared folders, every 10th record shared directly. */
async function buildPayload(count: number) {
  const records = Array.from({ length: count }, (_, i) => loginRecord(i));
  const { appKey, response } = await buildSecretsPayload(records, FOLDERS, (i) => i % 10 === 0);
  const json = JSON.stringify(response);
  const transmissionKey = generateAesKey();
  const body = await gcmEncrypt(transmissionKey, utf8Encode(json));
  return { appKey, transmissionKey, body, jsonBytes: json.length };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const device = await generateEcKeyPair();
  const signingKey = await importSigningKey(device.privateKey);
  const serverPublicKey = base64Decode(SERVER_KEY_7);
  for (const count of [10, 100, 1000]) {
    const { appKey, transmissionKey, body, jsonBytes } = await buildPayload(count);
    const check = await decryptSecrets(await decryptResponse(transmissionKey, body), { appKey });
    if (check.records.length !== count || check.skipped.length !== 0) throw new Error('bench payload did not decrypt');

    const ours = await time(async () => {
      const json = await decryptResponse(transmissionKey, body);
      await decryptSecrets(json, { appKey });
    });
    const oursNode = await time(async () => {
      const json = await decryptResponse(transmissionKey, body, nodeCipher);
      await decryptSecrets(json, { appKey }, { cipher: nodeCipher });
    });
    const oursWithRequest = await time(async () => {
      await buildRequest({
        payload: { clientVersion: 'ms17.5.0', clientId: 'x' },
        serverPublicKey,
        serverPublicKeyId: 7,
        signingKey,
      });
      const json = await decryptResponse(transmissionKey, body);
      await decryptSecrets(json, { appKey });
    });

    const storage = ksm.inMemoryStorage({
      hostname: 'bench.invalid',
      clientId: 'x',
      privateKey: base64Encode(device.privateKey),
      appKey: base64Encode(appKey),
      serverPublicKeyId: '7',
    });
    const options: ksm.SecretManagerOptions = {
      storage,
      // Transport only: hand back the recorded body and swap in its transmission key, exactly as the SDK's own
      // caching post function does (spec §8.1).
      queryFunction: async (_url, key) => {
        key.key = transmissionKey;
        return { statusCode: 200, headers: {}, data: body };
      },
    };
    const sdkCheck = await ksm.getSecrets(options);
    if (sdkCheck.records.length !== count) throw new Error('official SDK did not decrypt the bench payload');
    const official = await time(() => ksm.getSecrets(options));

    const size = `${count} records, ${(jsonBytes / 1024).toFixed(0)} KiB JSON`;
    rows.push({
      benchmark: `get_secret chain, ${size}`,
      unit: 'ms (median)',
      ours: ours.median,
      official: official.median,
      better: 'lower',
      note: 'ours: decrypt body + parse + chain; official: getSecrets incl. its request building',
    });
    rows.push({
      benchmark: `get_secret chain (node cipher), ${size}`,
      unit: 'ms (median)',
      ours: oursNode.median,
      official: official.median,
      better: 'lower',
      note: `ours: same with \`cipher: nodeCipher\`${count === 1000 ? '; target ≤ 0.50x' : ''}`,
    });
    rows.push({
      benchmark: `get_secret chain + request building, ${size}`,
      unit: 'ms (median)',
      ours: oursWithRequest.median,
      official: official.median,
      better: 'lower',
      note: 'both sides build and sign a request too',
    });
  }
  return rows;
}
