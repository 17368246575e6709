// Replays Keeper's recorded get_secret exchange (sdk/fake_data.json) through the device-side key chain (§3.8.1).
import { describe, expect, it } from 'vitest';
import { gcmDecrypt } from '../crypto/aes-gcm.js';
import { computeClientId } from '../crypto/client-id.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import recorded from '../test-support/fixtures/keeper-fake-data.json' with { type: 'json' };
import { decryptSecrets } from './decrypt-secrets.js';
import { decryptResponse } from './request-envelope.js';

const TOKEN = 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c';
const APP_KEY = '6hxMRiJZlIRwZFeuO1XJTv22Ai8D/+tJEEdQXmmm7iA=';
const RECORD_2 =
  '{"title":"RECoRD 2","type":"login","fields":[{"type":"passkey","value":[]},{"type":"login","value":["login value"]},{"type":"password","value":["Lex1S++Wx6g^,LC.(Vp<"]},{"type":"url","value":["https://g"]},{"type":"fileRef","value":[]},{"type":"oneTimeCode","value":[]}],"custom":[],"notes":"h"}';

interface Recorded {
  transmissionKey: string;
  data: string;
  statusCode: number;
}
const [first, second, denied] = recorded as Recorded[] as [Recorded, Recorded, Recorded];

async function openRecorded(entry: Recorded): Promise<Record<string, unknown>> {
  return (await decryptResponse(base64Decode(entry.transmissionKey), base64Decode(entry.data))) as Record<
    string,
    unknown
  >;
}

describe('recorded exchange', () => {
  it('response #1 decrypts to the binding response, and the chain gives the spec values', async () => {
    expect(first.statusCode).toBe(200);
    expect(base64Decode(first.data).length).toBe(2654);
    const response = await openRecorded(first);
    const clientKey = base64Decode(TOKEN);
    expect(await computeClientId(clientKey)).toBe(
      '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==',
    );
    expect(base64Decode(response.encryptedAppKey as string).length).toBe(60);

    const secrets = await decryptSecrets(response, { clientKey });
    expect(secrets.skipped).toEqual([]);
    expect(base64Encode(secrets.appKey as Uint8Array)).toBe(APP_KEY);
    expect(secrets.appOwnerPublicKey).toBe(
      'BLNdaUhCRUNtDBH+YqyHQzOG0OvkbyruF7j/7PYnqvP19JTEb95XhODEbRaeMUpMJNaPh0uLqh8ddnJdHPswntU=',
    );
    expect(secrets.appData).toEqual({ title: 'Unit Test Genrator App', type: 'app' });
    expect(secrets.folders.map((f) => f.folderUid)).toEqual(['y6FBhg7C-wy2zaM0-ouI-Q']);
    expect(secrets.records.map((r) => [r.recordUid, r.folderUid, r.innerFolderUid, r.revision])).toEqual([
      ['Ue8h6JyWUs7Iu6eY_mha-w', 'y6FBhg7C-wy2zaM0-ouI-Q', 'ZUx3UkTzy2pgLFHNTiMMUw', 1411018],
      ['L-b-Ijj9rqd-3spgNZiZWA', 'y6FBhg7C-wy2zaM0-ouI-Q', null, 1411017],
    ]);
    expect(secrets.records[1]?.data).toEqual(JSON.parse(RECORD_2));
    expect(secrets.expiresOn).toBeNull();
    expect(secrets.warnings).toEqual([]);
  });

  it('the intermediate keys are exactly the spec table values', async () => {
    const response = await openRecorded(first);
    const appKey = await gcmDecrypt(base64Decode(TOKEN), base64Decode(response.encryptedAppKey as string));
    expect(base64Encode(appKey)).toBe(APP_KEY);
    const appData = await gcmDecrypt(appKey, base64Decode(response.appData as string));
    expect(appData.length).toBe(384);
    expect(utf8Decode(appData).trimEnd()).toBe('{"title":"Unit Test Genrator App","type":"app"}');
    const folder = (response.folders as { folderKey: string; records: { recordKey: string; data: string }[] }[])[0];
    const folderKey = await gcmDecrypt(appKey, base64Decode(folder?.folderKey ?? ''));
    expect(base64Encode(folderKey)).toBe('xYoyDn1xpodq/GuNVtM/RVdSRXjCSmYWId3TYwJ0Cto=');
    const keys = await Promise.all(
      (folder?.records ?? []).map((r) => gcmDecrypt(folderKey, base64Decode(r.recordKey)).then(base64Encode)),
    );
    expect(keys).toEqual([
      'E/YvWqpTsISwwcmcK6CzXwJFX6x4zEevmQkyHULswWI=',
      'xsesXsLWd0MwefJKQH0TgikszsOPxho4mjLmudIfizY=',
    ]);
    const record2 = await gcmDecrypt(base64Decode(keys[1] ?? ''), base64Decode(folder?.records[1]?.data ?? ''));
    expect(record2.length).toBe(384);
    expect(utf8Decode(record2).trimEnd()).toBe(RECORD_2);
  });

  it('response #2 is the same payload without the binding fields, opened with the app key', async () => {
    const response = await openRecorded(second);
    expect(response.encryptedAppKey).toBeNull();
    expect(response.appOwnerPublicKey).toBeNull();
    const secrets = await decryptSecrets(response, { appKey: base64Decode(APP_KEY) });
    expect(secrets.appKey).toBeNull();
    expect(secrets.records.map((r) => r.data.title)).toEqual([expect.any(String), 'RECoRD 2']);
  });

  it('response #3 is an unencrypted HTTP 403 access_denied', () => {
    expect(denied.statusCode).toBe(403);
    expect(JSON.parse(utf8Decode(base64Decode(denied.data)))).toEqual({
      path: 'https://dev.keepersecurity.com/api/rest/sm/v1/get_secret, POST, Node/v12.14.1',
      additional_info: '',
      location: 'default exception manager - api validation exception',
      error: 'access_denied',
      message: 'Signature is invalid',
    });
  });
});
