// delete_secret and delete_folder: destructive, so each needs the human's confirmation through elicitation.
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';
import { confirmAction } from './reveal.js';

const deleteOutput = z.object({ uid: z.string(), deleted: z.boolean(), status: z.string() });

const secretInput = z.strictObject({ uid: z.string().min(1).max(64).describe('Record UID') });

/** The delete_secret tool. */
export const deleteSecretTool: ToolSpec<typeof secretInput, typeof deleteOutput> = {
  name: 'delete_secret',
  title: 'Delete a secret record',
  description:
    'Delete a record. The user is asked to confirm in their MCP client; without their approval nothing is deleted.',
  input: secretInput,
  output: deleteOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    const record = await ctx.view.record(args.uid, note.signal);
    await confirmAction(ctx, note, `delete the record "${record.data.title}" (${record.recordUid})`);
    const [result] = await ctx.client.deleteSecrets([args.uid], { signal: note.signal });
    ctx.view.invalidate();
    const status = result?.responseCode ?? 'unknown';
    return { structured: { uid: args.uid, deleted: status === 'ok', status }, text: `delete ${args.uid}: ${status}` };
  },
};

const folderInput = z.strictObject({
  uid: z.string().min(1).max(64).describe('Folder UID'),
  force: z.boolean().optional().describe('Also delete the records inside'),
});

/** The delete_folder tool. */
export const deleteFolderTool: ToolSpec<typeof folderInput, typeof deleteOutput> = {
  name: 'delete_folder',
  title: 'Delete a folder',
  description: 'Delete a folder (with force, also its records). The user is asked to confirm in their MCP client.',
  input: folderInput,
  output: deleteOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    const snapshot = await ctx.view.snapshot(note.signal);
    const folder = snapshot.folders.find((f) => f.folderUid === args.uid);
    if (folder === undefined) throw new McpServerError('ERR_NOT_FOUND', 'No such folder. Call list_folders.');
    await confirmAction(
      ctx,
      note,
      `delete the folder "${folder.name}" (${folder.folderUid})${args.force ? ' and every record in it' : ''}`,
    );
    const [result] = await ctx.client.deleteFolders([args.uid], { signal: note.signal, force: args.force === true });
    ctx.view.invalidate();
    const status = result?.responseCode ?? 'unknown';
    return {
      structured: { uid: args.uid, deleted: status === 'ok', status },
      text: `delete folder ${args.uid}: ${status}`,
    };
  },
};
