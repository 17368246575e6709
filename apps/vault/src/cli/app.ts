// `ksmkit-vault app create|list|remove`: applications.
import { defineCommand } from 'citty';
import { createApp, listAppSummaries, removeApp } from '../owner/apps.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, positionals, withSession } from './common.js';
import { emit, table } from './output.js';

const create = defineCommand({
  meta: { name: 'create', description: 'Create an application: app create NAME' },
  args: { ...COMMON_ARGS, name: { type: 'positional', description: 'Application name', required: false } },
  async run({ args }) {
    const title = positionals(args)[0];
    if (title === undefined)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Give the application a name: app create NAME');
    const { uid } = await withSession(args, (session) => createApp(session, { title }));
    emit(args.json, { uid, title }, () => `Created application "${title}" (${uid})`);
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List applications' },
  args: { ...COMMON_ARGS },
  async run({ args }) {
    const apps = await withSession(args, (session) => listAppSummaries(session));
    emit(args.json, { apps }, () =>
      table(
        ['UID', 'NAME', 'SHARED FOLDERS', 'SHARED RECORDS', 'DEVICES'],
        apps.map((app) => [app.uid, app.title, app.folderShares, app.recordShares, app.clients]),
      ),
    );
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Remove applications (with their shares and devices): app remove NAME|UID…' },
  args: { ...COMMON_ARGS, app: { type: 'positional', description: 'Application name or UID', required: false } },
  async run({ args }) {
    const refs = positionals(args);
    if (refs.length === 0)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the application to remove: app remove NAME');
    const uids = await withSession(args, async (session) => {
      const removed: string[] = [];
      for (const ref of refs) removed.push((await removeApp(session, ref)).uid);
      return removed;
    });
    emit(args.json, { removed: uids }, () => `Removed ${uids.length} application(s): ${uids.join(', ')}`);
  },
});

/** The `app` command group. */
export const appCommand = defineCommand({
  meta: { name: 'app', description: 'Manage applications' },
  subCommands: { create, list, remove },
});
