// create_secret and update_secret: write records inside the scope; generated secrets are saved, never returned.
import { buildRecord, type KeeperField, type RecordData } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolContext, ToolSpec } from '../tool-kit.js';
import { fieldInputSchema, toFields } from './field-input.js';
import { RECORD_HOSTS_LABEL } from './host-allowlist.js';

const createInput = z.strictObject({
  type: z.string().min(1).max(100).describe('Record type, e.g. login (see get_record_type_schema)'),
  title: z.string().min(1).max(500),
  folder: z.string().min(1).max(200).describe('Folder UID or name (list_folders)'),
  fields: z.array(fieldInputSchema).max(50).optional(),
  custom: z.array(fieldInputSchema).max(50).optional(),
  notes: z.string().max(100_000).optional(),
});

const writeOutput = z.object({
  uid: z.string(),
  generated: z.array(z.string()).describe('fields generated and saved'),
});

/** Resolves a folder UID or name inside the scope. */
async function folderUid(ctx: ToolContext, folder: string, signal: AbortSignal): Promise<string> {
  const { folders } = await ctx.view.snapshot(signal);
  const found = folders.find((f) => f.folderUid === folder) ?? folders.find((f) => f.name === folder);
  if (found === undefined) throw new McpServerError('ERR_NOT_FOUND', 'No such folder. Call list_folders.');
  return found.folderUid;
}

/** The create_secret tool. */
export const createSecretTool: ToolSpec<typeof createInput, typeof writeOutput> = {
  name: 'create_secret',
  title: 'Create a secret record',
  description:
    'Create a Keeper record in a folder. Give field values, or {"generate": {"length": 32}} for a password that the ' +
    'server generates and saves without ever returning it. Returns the new UID.',
  input: createInput,
  output: writeOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    const folder = await folderUid(ctx, args.folder, note.signal);
    const fields = toFields(ctx, args.fields ?? []);
    const custom = toFields(ctx, args.custom ?? []);
    if (args.notes !== undefined) ctx.scrubber.remember([args.notes]);
    const data = buildRecord({
      type: args.type,
      title: args.title,
      fields: fields.fields,
      custom: custom.fields,
      ...(args.notes === undefined ? {} : { notes: args.notes }),
    });
    const uid = await ctx.client.createSecret({ folderUid: folder, data, signal: note.signal });
    ctx.view.invalidate();
    note.records = [uid];
    note.fields = data.fields.map((f) => f.label || f.type);
    const generated = [...fields.generated, ...custom.generated];
    return {
      structured: { uid, generated },
      text: `created ${uid}${generated.length ? `; generated ${generated.join(', ')}` : ''}`,
    };
  },
};

const updateInput = z.strictObject({
  uid: z.string().min(1).max(64),
  title: z.string().min(1).max(500).optional(),
  notes: z.string().max(100_000).optional(),
  fields: z.array(fieldInputSchema).max(50).optional().describe('Standard fields to set, matched by label, else type'),
  custom: z.array(fieldInputSchema).max(50).optional().describe('Custom fields to set (added when missing)'),
});

/** Sets `incoming` into `list` in place: the field with the same label (else type) is replaced, or appended. */
function setFields(list: KeeperField[], incoming: readonly KeeperField[], append: boolean): void {
  for (const field of incoming) {
    const index = list.findIndex((f) => (field.label ? f.label === field.label : f.type === field.type));
    if (index >= 0) list[index] = { ...list[index], ...field };
    else if (append) list.push(field);
    else throw new McpServerError('ERR_NOT_FOUND', `The record has no standard field ${field.label ?? field.type}.`);
  }
}

/** The update_secret tool. */
export const updateSecretTool: ToolSpec<typeof updateInput, typeof writeOutput> = {
  name: 'update_secret',
  title: 'Update a secret record',
  description:
    'Change a record: title, notes, standard fields (matched by label, else type) and custom fields. A password can ' +
    'be rotated with {"type": "password", "generate": {}}: saved, never returned.',
  input: updateInput,
  output: writeOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    const record = await ctx.view.record(args.uid, note.signal);
    if (
      (record.data.custom ?? []).some((f) => f.label === RECORD_HOSTS_LABEL) &&
      args.custom?.some((f) => f.label === RECORD_HOSTS_LABEL)
    ) {
      throw new McpServerError(
        'ERR_NOT_ALLOWED',
        `The ${RECORD_HOSTS_LABEL} field is set by the operator, not through MCP.`,
      );
    }
    const fields = toFields(ctx, args.fields ?? []);
    const custom = toFields(ctx, args.custom ?? []);
    if (args.notes !== undefined) ctx.scrubber.remember([args.notes]);
    const data: RecordData = structuredClone(record.data);
    data.custom = data.custom ?? [];
    setFields(data.fields, fields.fields, false);
    setFields(data.custom, custom.fields, true);
    if (args.title !== undefined) data.title = args.title;
    if (args.notes !== undefined) data.notes = args.notes;
    await ctx.client.updateSecret(record, { data, signal: note.signal });
    ctx.view.invalidate();
    note.fields = [...fields.fields, ...custom.fields].map((f) => f.label || f.type);
    const generated = [...fields.generated, ...custom.generated];
    return {
      structured: { uid: args.uid, generated },
      text: `updated ${args.uid}${generated.length ? `; generated ${generated.join(', ')}` : ''}`,
    };
  },
};
