// Interop (Node only): the unmodified official JS SDK decrypts responses our owner-side key chain built.
import * as ksm from '@keeper-security/secrets-manager-core';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import type { RecordData } from '../record/types.js';
import { createOfficialHarness } from '../test-support/official-sdk.js';

const login = (title: string, password: string): RecordData => ({
  title,
  type: 'login',
  fields: [
    { type: 'login', value: ['alice'] },
    { type: 'password', value: [password] },
  ],
  custom: [{ type: 'text', label: 'Environment', value: ['prod'] }],
  notes: 'ünïcödé notes',
});

describe('official SDK against our owner side', () => {
  it('getSecrets decrypts direct shares, shared-folder records, sub-folder records and files', async () => {
    const harness = await createOfficialHarness({
      folders: [
        { folderUid: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Shared' },
        { folderUid: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Sub', parentUid: 'AAAAAAAAAAAAAAAAAAAAAA' },
      ],
      records: [
        { recordUid: 'r1r1r1r1r1r1r1r1r1r1r1', data: login('Direct', 'p1') },
        { recordUid: 'r2r2r2r2r2r2r2r2r2r2r2', data: login('In folder', 'p2'), folderUid: 'AAAAAAAAAAAAAAAAAAAAAA' },
        {
          recordUid: 'r3r3r3r3r3r3r3r3r3r3r3',
          data: login('In sub-folder', 'p3'),
          folderUid: 'BBBBBBBBBBBBBBBBBBBBBB',
          files: [
            {
              fileUid: 'f1f1f1f1f1f1f1f1f1f1f1',
              metadata: { name: 'a.txt', title: 'A', size: 5 },
              content: utf8Encode('hello'),
            },
          ],
        },
      ],
    });
    const secrets = await ksm.getSecrets(harness.options);
    const byUid = new Map(secrets.records.map((r) => [r.recordUid, r]));
    expect(byUid.get('r1r1r1r1r1r1r1r1r1r1r1')?.data).toEqual(login('Direct', 'p1'));
    expect(byUid.get('r2r2r2r2r2r2r2r2r2r2r2')?.folderUid).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    const sub = byUid.get('r3r3r3r3r3r3r3r3r3r3r3');
    expect(sub?.innerFolderUid).toBe('BBBBBBBBBBBBBBBBBBBBBB');
    expect(sub?.data.fields[1].value).toEqual(['p3']);
    const file = sub?.files?.[0];
    expect(file?.data).toEqual({ name: 'a.txt', title: 'A', size: 5 });
    expect(new TextDecoder().decode(await ksm.downloadFile(file as ksm.KeeperFile))).toBe('hello');
    expect(secrets.appData).toEqual({ title: 'Test App', type: 'app' });
    expect(harness.requests.map((r) => [r.endpoint, r.signatureValid])).toEqual([['get_secret', true]]);
  });

  it('getFolders decrypts CBC folder keys and names', async () => {
    const harness = await createOfficialHarness({
      folders: [
        { folderUid: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Shared' },
        { folderUid: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Sub', parentUid: 'AAAAAAAAAAAAAAAAAAAAAA' },
        { folderUid: 'CCCCCCCCCCCCCCCCCCCCCC', name: 'Sub-sub', parentUid: 'BBBBBBBBBBBBBBBBBBBBBB' },
      ],
      records: [],
    });
    const folders = await ksm.getFolders(harness.options);
    expect(folders).toEqual([
      { folderUid: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Shared' },
      { folderUid: 'BBBBBBBBBBBBBBBBBBBBBB', parentUid: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Sub' },
      { folderUid: 'CCCCCCCCCCCCCCCCCCCCCC', parentUid: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Sub-sub' },
    ]);
  });
});
