// The `@ksmkit/core/session` entry: the same functions as the root entry, and nothing of the all-in-one client.
import { describe, expect, it } from 'vitest';
import * as root from './index.js';
import * as session from './session.js';

describe('@ksmkit/core/session', () => {
  it('exports the lean client, each export identical to the root one', () => {
    expect(Object.keys(session).sort()).toEqual([
      'completeTransaction',
      'createFolder',
      'createSecret',
      'createSession',
      'deleteFolders',
      'deleteSecrets',
      'downloadFile',
      'downloadThumbnail',
      'getAppInfo',
      'getFolders',
      'getRecordTotpCode',
      'getSecrets',
      'getSecretsByTitle',
      'resolveNotation',
      'updateFolder',
      'updateSecret',
      'uploadFile',
    ]);
    const rootExports = new Map(Object.entries(root));
    for (const [name, value] of Object.entries(session)) expect(rootExports.get(name), name).toBe(value);
  });
});
