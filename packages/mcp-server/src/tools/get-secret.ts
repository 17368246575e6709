// get_secret: one record's fields; non-secret values in clear, secret values masked unless the human approves a reveal.
import { z } from 'zod';
import { allFields, fieldName, MASK, recordMeta, recordMetaSchema } from '../record-summary.js';
import { isSecretField, stringLeaves } from '../secret-fields.js';
import type { ToolSpec } from '../tool-kit.js';
import { approveReveal } from './reveal.js';

const input = z.strictObject({
  uid: z.string().min(1).max(64).describe('Record UID from list_secrets or search_secrets'),
  fields: z
    .array(z.string().max(200))
    .max(100)
    .optional()
    .describe('Only these fields, by type or label ("notes" for the notes); default all'),
  reveal: z
    .boolean()
    .optional()
    .describe(
      'Ask the human (a confirmation in their MCP client) to show the secret values once. Prefer run_with_secrets or http_request.',
    ),
});

const fieldValueSchema = z.object({
  section: z.enum(['fields', 'custom']),
  type: z.string(),
  label: z.string().optional(),
  secret: z.boolean(),
  masked: z.boolean(),
  value: z.unknown().describe(`the value array, or "${MASK}" when masked`),
});

const output = z.object({
  record: recordMetaSchema,
  fields: z.array(fieldValueSchema),
  notes: z.string().nullable().describe(`notes (secret by policy: "${MASK}" unless revealed); null without notes`),
  revealed: z.boolean(),
});

/** The get_secret tool. */
export const getSecretTool: ToolSpec<typeof input, typeof output> = {
  name: 'get_secret',
  title: 'Get a secret record',
  description:
    'Get one Keeper record by UID. Non-secret fields (login, url, host, …) come back in clear; secret fields (password, ' +
    `secret, pinCode, oneTimeCode, keys, card and bank numbers, notes) come back as "${MASK}". With reveal: true the ` +
    'user is asked in their MCP client to approve showing the secret values once; only the human can approve. To use a ' +
    'secret without seeing it, call run_with_secrets or http_request with a keeper:// notation instead.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    const snapshot = await ctx.view.snapshot(note.signal);
    const record = await ctx.view.record(args.uid, note.signal);
    const wanted = args.fields === undefined ? null : new Set(args.fields);
    const picked = allFields(record).filter(
      ({ field }) =>
        wanted === null || wanted.has(field.type) || (field.label !== undefined && wanted.has(field.label)),
    );
    const notes = typeof record.data.notes === 'string' && record.data.notes !== '' ? record.data.notes : null;
    const withNotes = notes !== null && (wanted === null || wanted.has('notes'));
    note.fields = [...picked.map(({ field }) => fieldName(field)), ...(withNotes ? ['notes'] : [])];
    const secretPicked = picked.filter(({ field }) => isSecretField(field));
    const secretNames = [...secretPicked.map(({ field }) => fieldName(field)), ...(withNotes ? ['notes'] : [])];
    let revealed = false;
    if (args.reveal === true && secretNames.length > 0) {
      const values = secretPicked.flatMap(({ field }) => stringLeaves(field.value));
      if (withNotes && notes !== null) values.push(notes);
      await approveReveal(
        ctx,
        note,
        `see ${secretNames.join(', ')} of the record "${record.data.title}" (${record.recordUid})`,
        values,
      );
      revealed = true;
    } else if (secretNames.length > 0) {
      note.decision = 'masked';
    }
    const fields = picked.map(({ section, field }) => {
      const secret = isSecretField(field);
      const masked = secret && !revealed;
      return {
        section,
        type: field.type,
        ...(field.label ? { label: field.label } : {}),
        secret,
        masked,
        value: masked ? MASK : field.value,
      };
    });
    const notesOut = withNotes ? (revealed ? notes : MASK) : null;
    const lines = fields.map((f) => `${f.label ?? f.type}: ${f.masked ? MASK : JSON.stringify(f.value)}`);
    if (notesOut !== null) lines.push(`notes: ${notesOut}`);
    return {
      structured: { record: recordMeta(record, snapshot.folderNames), fields, notes: notesOut, revealed },
      text: `${record.data.title} (${record.data.type}, ${record.recordUid})\n${lines.join('\n')}`,
    };
  },
};
