// `ksmkit-vault share add|remove --app A --folder F|--record R [--editable]`.
import { defineCommand } from 'citty';
import { addShare, removeShare } from '../owner/share.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, withSession } from './common.js';
import { emit } from './output.js';

const SHARE_ARGS = {
  ...COMMON_ARGS,
  app: { type: 'string', description: 'Application (name or UID)' },
  folder: { type: 'string', description: 'Root shared folder (UID, name or path)' },
  record: { type: 'string', description: 'Record (UID or title)' },
} as const;

function input(args: { app?: string; folder?: string; record?: string }, editable: boolean) {
  if (args.app === undefined) throw new VaultError('ERR_INVALID_ARGUMENT', 'Say which application: --app NAME');
  return {
    app: args.app,
    editable,
    ...(args.folder === undefined ? {} : { folder: args.folder }),
    ...(args.record === undefined ? {} : { record: args.record }),
  };
}

const add = defineCommand({
  meta: { name: 'add', description: 'Share a folder or record with an application (read-only unless --editable)' },
  args: { ...SHARE_ARGS, editable: { type: 'boolean', description: 'Let the application change it' } },
  async run({ args }) {
    const result = await withSession(args, (session) => addShare(session, input(args, args.editable === true)));
    emit(
      args.json,
      result,
      () =>
        `Shared ${result.kind} ${result.targetUid} with ${result.appUid} (${result.editable ? 'editable' : 'read-only'})`,
    );
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Stop sharing a folder or record with an application' },
  args: SHARE_ARGS,
  async run({ args }) {
    const result = await withSession(args, (session) => removeShare(session, input(args, false)));
    emit(
      args.json,
      { ...result, removed: true },
      () => `Removed the share of ${result.kind} ${result.targetUid} from ${result.appUid}`,
    );
  },
});

/** The `share` command group. */
export const shareCommand = defineCommand({
  meta: { name: 'share', description: 'Share folders and records with applications' },
  subCommands: { add, remove },
});
