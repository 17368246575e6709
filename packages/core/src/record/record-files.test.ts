import { describe, expect, it } from 'vitest';
import { findFile, findFiles } from './record-files.js';
import type { RecordView } from './types.js';

const view: RecordView = {
  recordUid: 'k9qMpcO0aszz9w3li5XbaQ',
  data: { title: 'My Record 1', type: 'login', fields: [] },
  files: [
    { fileUid: 'HKGdx7dSrtuTfA67wiEZkw', metadata: { name: 'qr.png', title: 'QR Code', size: 7 } },
    { fileUid: 'L-b-Ijj9rqd-3spgNZiZWA', metadata: { name: 'a.txt', title: 'qr.png' } },
    { fileUid: 'y6FBhg7C-wy2zaM0-ouI-Q', metadata: {} },
  ],
};

describe('findFiles', () => {
  it('matches file UID, name or title exactly, in order', () => {
    expect(findFiles(view, 'qr.png').map((f) => f.fileUid)).toEqual([
      'HKGdx7dSrtuTfA67wiEZkw',
      'L-b-Ijj9rqd-3spgNZiZWA',
    ]);
    expect(findFiles(view, 'QR Code')).toHaveLength(1);
    expect(findFiles(view, 'qr code')).toEqual([]);
    expect(findFile(view, 'y6FBhg7C-wy2zaM0-ouI-Q')?.metadata).toEqual({});
    expect(findFile(view, 'none.png')).toBeUndefined();
  });

  it('can restrict the compared attributes (e.g. JS notation skips titles) and accepts a plain file list', () => {
    expect(findFiles(view, 'QR Code', { match: ['fileUid', 'name'] })).toEqual([]);
    expect(findFiles(view.files, 'qr.png', { match: ['name'] }).map((f) => f.fileUid)).toEqual([
      'HKGdx7dSrtuTfA67wiEZkw',
    ]);
  });
});
