// get_field: one value by Keeper notation, masked when secret unless the human approves a reveal.
import { evaluateNotation, looksLikeRecordUid, parseNotation, recordsByTitle, recordsByUid } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import { MASK } from '../record-summary.js';
import { isSecretField, stringLeaves } from '../secret-fields.js';
import type { ToolSpec } from '../tool-kit.js';
import { approveReveal } from './reveal.js';

const input = z.strictObject({
  notation: z
    .string()
    .min(1)
    .max(1000)
    .describe('Keeper notation, e.g. keeper://UID/field/login or keeper://UID/custom_field/API Key'),
  reveal: z.boolean().optional().describe('Ask the human to approve showing a secret value once'),
});

const output = z.object({
  recordUid: z.string(),
  selector: z.string(),
  secret: z.boolean(),
  masked: z.boolean(),
  values: z.array(z.string()).describe(`the selected values; each "${MASK}" when masked`),
});

/** The get_field tool. */
export const getFieldTool: ToolSpec<typeof input, typeof output> = {
  name: 'get_field',
  title: 'Get one field by notation',
  description:
    'Get the value a Keeper notation selects (keeper://UID/field/TYPE, keeper://UID/custom_field/LABEL, ' +
    `keeper://UID/title, keeper://UID/notes). Secret values come back as "${MASK}"; reveal: true asks the user to ` +
    'approve showing it once. For files use download_file. To use a secret without seeing it, pass the notation to ' +
    'run_with_secrets or http_request.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    const parsed = parseNotation(args.notation);
    if (parsed.selector === 'file') {
      throw new McpServerError('ERR_INVALID_INPUT', 'File notations are not read here: call download_file.');
    }
    const { records } = await ctx.view.snapshot(note.signal);
    const byUid = looksLikeRecordUid(parsed.record) ? recordsByUid(records, parsed.record) : [];
    const record = (byUid.length > 0 ? byUid : recordsByTitle(records, parsed.record))[0];
    if (record === undefined) {
      throw new McpServerError('ERR_NOT_FOUND', 'No record matches this notation. Call list_secrets for UIDs.');
    }
    note.records = [record.recordUid];
    const values = evaluateNotation(records, parsed);
    let secret = parsed.selector === 'notes';
    let leaves: string[] = [];
    if (parsed.selector === 'field' || parsed.selector === 'custom_field') {
      const section = parsed.selector === 'field' ? record.data.fields : (record.data.custom ?? []);
      const matching = section.filter((f) => f.type === parsed.parameter || f.label === parsed.parameter);
      secret = matching.some(isSecretField);
      leaves = matching.flatMap((f) => stringLeaves(f.value));
      note.fields = matching.map((f) => f.label || f.type);
    } else {
      note.fields = [parsed.selector];
    }
    let masked = secret;
    if (secret && args.reveal === true) {
      const label = note.fields.join(', ');
      await approveReveal(ctx, note, `see ${label} of the record "${record.data.title}" (${record.recordUid})`, [
        ...values,
        ...leaves,
      ]);
      masked = false;
    } else if (secret) {
      note.decision = 'masked';
    }
    const out = masked ? values.map(() => MASK) : values;
    return {
      structured: { recordUid: record.recordUid, selector: parsed.selector, secret, masked, values: out },
      text: out.join('\n'),
    };
  },
};
