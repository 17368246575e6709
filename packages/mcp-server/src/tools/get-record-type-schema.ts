// get_record_type_schema: the standard fields of a record type (or the list of types), to build create_secret input.
import { isRecordTypeName, RECORD_TYPES } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import { isSecretField } from '../secret-fields.js';
import type { ToolSpec } from '../tool-kit.js';

const input = z.strictObject({
  type: z.string().max(100).optional().describe('A record type such as login; omit to list every type'),
});

const output = z.object({
  types: z.array(z.string()),
  fields: z
    .array(z.object({ type: z.string(), label: z.string().optional(), required: z.boolean(), secret: z.boolean() }))
    .optional(),
});

/** The get_record_type_schema tool. */
export const getRecordTypeSchemaTool: ToolSpec<typeof input, typeof output> = {
  name: 'get_record_type_schema',
  title: 'Record type schema',
  description:
    'List the standard Keeper record types, or, for one type, its standard fields in order with which are required ' +
    'and which are secret. Use it before create_secret.',
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(_ctx, args) {
    const types = Object.keys(RECORD_TYPES);
    if (args.type === undefined) return { structured: { types }, text: types.join(', ') };
    if (!isRecordTypeName(args.type)) {
      throw new McpServerError('ERR_INVALID_INPUT', `Unknown record type. Known types: ${types.join(', ')}`);
    }
    const fields = RECORD_TYPES[args.type].map((f) => ({
      type: f.type,
      ...(f.label === undefined ? {} : { label: f.label }),
      required: f.required === true,
      secret: isSecretField({ type: f.type, value: [] }),
    }));
    return {
      structured: { types, fields },
      text: `${args.type}: ${fields.map((f) => `${f.label ?? f.type}${f.required ? '*' : ''}${f.secret ? ' (secret)' : ''}`).join(', ')}`,
    };
  },
};
