// create_folder and update_folder: folders inside the scope (a new folder goes under a folder the model can see).
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';

const createInput = z.strictObject({
  parent: z.string().min(1).max(200).describe('Parent folder UID or name (a shared folder or a sub-folder)'),
  name: z.string().min(1).max(200),
});

const folderOutput = z.object({ uid: z.string(), name: z.string() });

/** The create_folder tool. */
export const createFolderTool: ToolSpec<typeof createInput, typeof folderOutput> = {
  name: 'create_folder',
  title: 'Create a folder',
  description: 'Create a sub-folder inside a folder you can see (list_folders). Returns its UID.',
  input: createInput,
  output: folderOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    const { folders } = await ctx.view.snapshot(note.signal);
    const parent = folders.find((f) => f.folderUid === args.parent) ?? folders.find((f) => f.name === args.parent);
    if (parent === undefined) throw new McpServerError('ERR_NOT_FOUND', 'No such parent folder. Call list_folders.');
    const uid = await ctx.client.createFolder({ parentUid: parent.folderUid, name: args.name, signal: note.signal });
    ctx.view.invalidate();
    return { structured: { uid, name: args.name }, text: `created folder ${uid}` };
  },
};

const updateInput = z.strictObject({ uid: z.string().min(1).max(64), name: z.string().min(1).max(200) });

/** The update_folder tool. */
export const updateFolderTool: ToolSpec<typeof updateInput, typeof folderOutput> = {
  name: 'update_folder',
  title: 'Rename a folder',
  description: 'Rename a folder you can see (list_folders gives UIDs); the records inside stay where they are.',
  input: updateInput,
  output: folderOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    const { folders } = await ctx.view.snapshot(note.signal);
    const folder = folders.find((f) => f.folderUid === args.uid);
    if (folder === undefined) throw new McpServerError('ERR_NOT_FOUND', 'No such folder. Call list_folders.');
    await ctx.client.updateFolder(folder, args.name, { signal: note.signal });
    ctx.view.invalidate();
    return { structured: { uid: args.uid, name: args.name }, text: `renamed folder ${args.uid}` };
  },
};
