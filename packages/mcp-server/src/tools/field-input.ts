// Field values a model sends to write tools: given values (remembered by the scrubber) or generated server-side.
import { generatePassword, type KeeperField } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import { isSecretField, stringLeaves } from '../secret-fields.js';
import type { ToolContext } from '../tool-kit.js';
import { RECORD_HOSTS_LABEL } from './host-allowlist.js';

/** How a password is generated (the value is saved, never returned). */
export const generateSchema = z.strictObject({
  length: z.number().int().min(8).max(256).optional(),
  lowercase: z.number().int().min(0).max(256).optional(),
  uppercase: z.number().int().min(0).max(256).optional(),
  digits: z.number().int().min(0).max(256).optional(),
  special: z.number().int().min(0).max(256).optional(),
});

export const fieldInputSchema = z.strictObject({
  type: z.string().min(1).max(100).describe('Field type, e.g. login, password, url, secret, text'),
  label: z.string().max(200).optional(),
  value: z.array(z.unknown()).max(50).optional().describe('The value array, e.g. ["admin"]'),
  generate: generateSchema
    .optional()
    .describe('Generate a password server-side instead of value; it is never returned'),
});

export type FieldInput = z.infer<typeof fieldInputSchema>;

/**
 * Turns field inputs into record fields; generated values and given secret values are remembered by the scrubber.
 * Returns the fields and the names of generated ones.
 *
 * @example
 * const { fields } = toFields(ctx, [{ type: 'password', generate: { length: 24 } }]);
 */
export function toFields(
  ctx: ToolContext,
  inputs: readonly FieldInput[],
): { fields: KeeperField[]; generated: string[] } {
  const generated: string[] = [];
  const fields = inputs.map((input) => {
    if (input.label === RECORD_HOSTS_LABEL) {
      throw new McpServerError(
        'ERR_NOT_ALLOWED',
        `The ${RECORD_HOSTS_LABEL} field is set by the operator, not through MCP.`,
      );
    }
    let value: unknown[] = input.value ?? [];
    if (input.generate !== undefined) {
      value = [generatePassword(input.generate)];
      generated.push(input.label ?? input.type);
    }
    const field: KeeperField = {
      type: input.type,
      ...(input.label === undefined ? {} : { label: input.label }),
      value,
    };
    if (isSecretField(field) || input.generate !== undefined) ctx.scrubber.remember(stringLeaves(value));
    return field;
  });
  return { fields, generated };
}
