// `ksmkit-vault folder create|list`: root shared folders and sub-folders.
import { defineCommand } from 'citty';
import { createFolder, listFolderSummaries, removeFolder } from '../owner/folders.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, positionals, withSession } from './common.js';
import { emit, table } from './output.js';

const create = defineCommand({
  meta: { name: 'create', description: 'Create a shared folder, or a sub-folder with --parent: folder create NAME' },
  args: {
    ...COMMON_ARGS,
    name: { type: 'positional', description: 'Folder name', required: false },
    parent: { type: 'string', description: 'Parent folder (UID, name or path); omit for a root shared folder' },
  },
  async run({ args }) {
    const name = positionals(args)[0];
    if (name === undefined)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Give the folder a name: folder create NAME [--parent P]');
    const created = await withSession(args, (session) =>
      createFolder(session, { name, ...(args.parent === undefined ? {} : { parent: args.parent }) }),
    );
    emit(args.json, { ...created, name }, () => `Created folder "${name}" (${created.uid})`);
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List folders (parents first)' },
  args: { ...COMMON_ARGS },
  async run({ args }) {
    const folders = await withSession(args, (session) => listFolderSummaries(session));
    emit(args.json, { folders }, () =>
      table(
        ['UID', 'PATH', 'RECORDS', 'SHARED WITH'],
        folders.map((f) => [
          f.uid,
          f.path,
          f.records,
          f.shares.map((s) => `${s.appUid}${s.editable ? ' (edit)' : ''}`).join(', '),
        ]),
      ),
    );
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Remove a folder and its sub-folders: folder remove NAME|UID|PATH [--force]' },
  args: {
    ...COMMON_ARGS,
    folder: { type: 'positional', description: 'Folder UID, name or path', required: false },
    force: { type: 'boolean', description: 'Also delete the records inside' },
  },
  async run({ args }) {
    const ref = positionals(args)[0];
    if (ref === undefined)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the folder: folder remove NAME [--force]');
    const removed = await withSession(args, (session) => removeFolder(session, ref, { force: args.force === true }));
    emit(
      args.json,
      removed,
      () => `Removed ${removed.folderUids.length} folder(s) and ${removed.recordUids.length} record(s)`,
    );
  },
});

/** The `folder` command group. */
export const folderCommand = defineCommand({
  meta: { name: 'folder', description: 'Manage folders' },
  subCommands: { create, list, remove },
});
