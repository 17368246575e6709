// list_secrets: record metadata only (no values), filtered by folder, record type and title substring.
import { z } from 'zod';
import { recordMeta, recordMetaSchema } from '../record-summary.js';
import type { ToolSpec } from '../tool-kit.js';

const input = z.strictObject({
  folder: z.string().max(200).optional().describe('Folder UID or exact folder name'),
  type: z.string().max(100).optional().describe('Record type, e.g. login, databaseCredentials'),
  title: z.string().max(200).optional().describe('Case-insensitive substring of the title'),
  limit: z.number().int().min(1).max(5000).optional().describe('At most this many records (default 500)'),
});

const output = z.object({
  records: z.array(recordMetaSchema),
  total: z.number().describe('matching records before the limit'),
});

/** The list_secrets tool. */
export const listSecretsTool: ToolSpec<typeof input, typeof output> = {
  name: 'list_secrets',
  title: 'List secrets',
  description:
    'List the Keeper records you may use, as metadata only: UID, title, record type, folder, each field type and label, ' +
    'whether it holds a value and whether it is secret, and file names. Never returns a value. Use the UID with ' +
    'get_secret, or a keeper://UID/field/TYPE notation with run_with_secrets or http_request to use a secret without seeing it.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    const snapshot = await ctx.view.snapshot(note.signal);
    const title = args.title?.toLowerCase();
    const matches = snapshot.records.filter((r) => {
      const folderUid = r.innerFolderUid ?? r.folderUid;
      if (args.folder !== undefined) {
        const name = folderUid === null ? undefined : snapshot.folderNames.get(folderUid);
        if (folderUid !== args.folder && r.folderUid !== args.folder && name !== args.folder) return false;
      }
      if (args.type !== undefined && r.data.type !== args.type) return false;
      return title === undefined || r.data.title.toLowerCase().includes(title);
    });
    const records = matches.slice(0, args.limit ?? 500).map((r) => recordMeta(r, snapshot.folderNames));
    note.records = records.map((r) => r.uid);
    const lines = records.map((r) => `${r.uid}  ${r.type}  ${r.title}${r.folderName ? `  [${r.folderName}]` : ''}`);
    const more =
      matches.length > records.length ? `\n(${matches.length - records.length} more; narrow the filter)` : '';
    return {
      structured: { records, total: matches.length },
      text: `${matches.length} record(s)\n${lines.join('\n')}${more}`,
    };
  },
};
