// search_secrets: finds records by title, field labels and types, folder names and non-secret fields; never by values.
import type { DecryptedRecord } from '@ksmkit/core';
import { z } from 'zod';
import { allFields, recordMeta, recordMetaSchema } from '../record-summary.js';
import { isSecretField } from '../secret-fields.js';
import type { ToolSpec } from '../tool-kit.js';

/** Non-secret field types whose values may be searched (by policy). */
const SEARCHABLE_VALUE_TYPES: ReadonlySet<string> = new Set(['url', 'login', 'email', 'host']);

const input = z.strictObject({
  query: z.string().min(1).max(200).describe('Words to look for (case-insensitive)'),
  limit: z.number().int().min(1).max(1000).optional().describe('At most this many records (default 50)'),
});

const output = z.object({
  records: z.array(recordMetaSchema.extend({ matchedOn: z.array(z.string()) })),
});

/** Where in a record the query matched (never a secret value). */
function matchedOn(record: DecryptedRecord, folderName: string | null, query: string): string[] {
  const hits = new Set<string>();
  const has = (text: unknown) => typeof text === 'string' && text.toLowerCase().includes(query);
  if (has(record.data.title)) hits.add('title');
  if (has(record.data.type)) hits.add('type');
  if (has(folderName)) hits.add('folder');
  for (const { field } of allFields(record)) {
    if (has(field.label)) hits.add('label');
    if (has(field.type)) hits.add('fieldType');
    if (isSecretField(field) || !SEARCHABLE_VALUE_TYPES.has(field.type)) continue;
    if (Array.isArray(field.value) && field.value.some(has)) hits.add(field.type);
  }
  for (const file of record.files) if (has(file.metadata.name) || has(file.metadata.title)) hits.add('file');
  return [...hits];
}

/** The search_secrets tool. */
export const searchSecretsTool: ToolSpec<typeof input, typeof output> = {
  name: 'search_secrets',
  title: 'Search secrets',
  description:
    'Search Keeper records by title, record type, field labels and types, folder names, file names and the non-secret ' +
    'fields url, login, email and host. Secret values are never searched, so a search cannot confirm or guess a value. ' +
    'Returns metadata only, with where each record matched.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    const snapshot = await ctx.view.snapshot(note.signal);
    const query = args.query.toLowerCase();
    const found = [];
    for (const record of snapshot.records) {
      const meta = recordMeta(record, snapshot.folderNames);
      const hits = matchedOn(record, meta.folderName, query);
      if (hits.length > 0) found.push({ ...meta, matchedOn: hits });
      if (found.length >= (args.limit ?? 50)) break;
    }
    note.records = found.map((r) => r.uid);
    const lines = found.map((r) => `${r.uid}  ${r.type}  ${r.title}  (matched: ${r.matchedOn.join(', ')})`);
    return { structured: { records: found }, text: `${found.length} match(es)\n${lines.join('\n')}` };
  },
};
