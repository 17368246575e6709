// list_folders: the folders in scope (UID, name, parent), never their keys.
import { z } from 'zod';
import type { ToolSpec } from '../tool-kit.js';

const input = z.strictObject({});

const output = z.object({
  folders: z.array(
    z.object({ uid: z.string(), name: z.string(), parentUid: z.string().nullable(), records: z.number() }),
  ),
});

/** The list_folders tool. */
export const listFoldersTool: ToolSpec<typeof input, typeof output> = {
  name: 'list_folders',
  title: 'List folders',
  description:
    'List the shared folders and sub-folders you may use: UID, name, parent folder UID and how many records each holds.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, _args, note) {
    const snapshot = await ctx.view.snapshot(note.signal);
    const count = new Map<string, number>();
    for (const r of snapshot.records) {
      const uid = r.innerFolderUid ?? r.folderUid;
      if (uid !== null) count.set(uid, (count.get(uid) ?? 0) + 1);
    }
    const folders = snapshot.folders.map((f) => ({
      uid: f.folderUid,
      name: f.name,
      parentUid: f.parentUid,
      records: count.get(f.folderUid) ?? 0,
    }));
    return {
      structured: { folders },
      text: folders.map((f) => `${f.uid}  ${f.name}${f.parentUid ? `  (in ${f.parentUid})` : ''}`).join('\n'),
    };
  },
};
