// The lean client end to end against a real vault (Node and workerd): what a minimal Worker does, through `./session`.

import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { useVault } from '@ksmkit/test-support/vault-client';
import { describe, expect, it } from 'vitest';
import { readDeviceConfig } from '../config/config-storage.js';
import { utf8Decode } from '../encoding/bytes.js';
import {
  createSession,
  downloadFile,
  getAppInfo,
  getFolders,
  getSecrets,
  getSecretsByTitle,
  resolveNotation,
} from '../session.js';
import { newDevice } from './client-fixture.test-support.js';

const slow = { timeout: 120_000 };

describe('lean session against a real vault', () => {
  const started = useVault({ seed: CLIENT_SEED });

  it('binds on first use, resolves notation and reads secrets, folders and files', slow, async () => {
    const vault = started();
    // Only the device's storage is used: the session, not newDevice's client, binds it.
    const { storage } = await newDevice(vault);
    const ksm = createSession({ storage });
    const uid = vault.seeded.records.Postgres as string;
    expect(await resolveNotation(ksm, `keeper://${uid}/field/password`)).toEqual(['s3cr3t!']);
    expect((await readDeviceConfig(storage)).appKey?.length).toBe(32);
    expect(await resolveNotation(ksm, 'keeper://Postgres/custom_field/Environment')).toEqual(['prod']);
    const { records } = await getSecrets(ksm);
    expect(records.map((r) => r.data.title).sort()).toEqual(['Loose', 'Old', 'Postgres', 'Shared Title', 'Stripe']);
    const [postgres] = await getSecretsByTitle(ksm, 'Postgres');
    const file = postgres?.files[0];
    if (file === undefined) throw new Error('no file');
    expect(utf8Decode(await downloadFile(ksm, file))).toBe('PEM-CONTENT');
    const { folders } = await getFolders(ksm);
    expect(folders.map((f) => f.name).sort()).toEqual(['Archive', 'Ops', 'Payments']);
    expect(await getAppInfo(ksm)).toMatchObject({ title: 'ci', type: 'app' });
  });
});
