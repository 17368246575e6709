// Test fixture of spec §7.4 (the SDK notation tests' record) as plain RecordView data, plus its file content.
import { utf8Encode } from '../encoding/bytes.js';
import type { RecordView } from '../record/types.js';

/** UID of the fixture record. */
export const FIXTURE_UID = 'k9qMpcO0aszz9w3li5XbaQ';
/** UID of the fixture's one file (`qr.png`, title `QR Code`). */
export const FIXTURE_FILE_UID = 'HKGdx7dSrtuTfA67wiEZkw';
/** Decrypted content of the fixture file. */
export const FIXTURE_FILE_CONTENT = utf8Encode('PNGDATA');

/** A fresh copy of the fixture record (tests may not share mutable data). */
export function fixtureRecord(): RecordView {
  return {
    recordUid: FIXTURE_UID,
    data: {
      title: 'My Record 1',
      type: 'login',
      fields: [
        { type: 'login', value: ['My Login 1'] },
        { type: 'password', value: ['My Password 1'] },
      ],
      custom: [
        { type: 'text', label: 'My Custom 1', value: ['custom1'] },
        { type: 'text', label: 'My Custom 1', value: ['custom1'] },
        { type: 'text', label: 'My Custom 2', value: ['one', 'two', 'three'] },
        {
          type: 'phone',
          label: 'phone',
          value: [
            { number: '555-5555555', ext: '55' },
            { number: '777-7777777', ext: '77' },
            { number: '888-8888888', ext: '', type: 'Home' },
            { number: '999-9999999', type: 'Work' },
          ],
        },
        { type: 'name', label: 'name', value: [{ first: 'Jenny', middle: 'X', last: 'Smith' }] },
      ],
      notes: 'My Notes',
    },
    files: [
      {
        fileUid: FIXTURE_FILE_UID,
        metadata: { name: 'qr.png', size: 53926, title: 'QR Code', lastModified: 1629142801191, type: 'image/png' },
      },
    ],
  };
}
