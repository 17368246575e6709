// get_totp_code and generate_password: values that are secrets, so returned only with a human's approval.
import { generatePassword } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';
import { generateSchema } from './field-input.js';
import { approveReveal } from './reveal.js';

const totpInput = z.strictObject({ uid: z.string().min(1).max(64).describe('Record UID with a oneTimeCode field') });
const totpOutput = z.object({ code: z.string(), secondsLeft: z.number(), period: z.number() });

/** The get_totp_code tool. */
export const getTotpCodeTool: ToolSpec<typeof totpInput, typeof totpOutput> = {
  name: 'get_totp_code',
  title: 'Get a one-time code',
  description:
    'Get the current TOTP code of a record. A live code is a secret: the user is asked to approve it each time.',
  input: totpInput,
  output: totpOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    note.fields = ['oneTimeCode'];
    const record = await ctx.view.record(args.uid, note.signal);
    const code = await ctx.client.getTotpCode(record);
    if (code === null) throw new McpServerError('ERR_NOT_FOUND', 'The record has no oneTimeCode field.');
    ctx.scrubber.remember([code.code]);
    await approveReveal(ctx, note, `see the one-time code of the record "${record.data.title}" (${record.recordUid})`, [
      code.code,
    ]);
    return {
      structured: { code: code.code, secondsLeft: code.timeLeft, period: code.period },
      text: `${code.code} (${code.timeLeft}s left)`,
    };
  },
};

const passwordInput = generateSchema.extend({
  reveal: z
    .boolean()
    .optional()
    .describe(
      'Ask the user to approve returning the password; else pass it to create_secret/update_secret with generate',
    ),
});
const passwordOutput = z.object({ password: z.string() });

/** The generate_password tool. */
export const generatePasswordTool: ToolSpec<typeof passwordInput, typeof passwordOutput> = {
  name: 'generate_password',
  title: 'Generate a password',
  description:
    "Generate a random password. It is returned only with reveal: true and the user's approval. To store a new " +
    'password without seeing it, use create_secret or update_secret with {"generate": {...}} instead.',
  input: passwordInput,
  output: passwordOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    if (args.reveal !== true) {
      throw new McpServerError(
        'ERR_INVALID_INPUT',
        'A generated password is returned only with reveal: true (the user approves). To save one unseen, use create_secret or update_secret with generate.',
      );
    }
    const { reveal: _reveal, ...options } = args;
    const password = generatePassword(options);
    ctx.scrubber.remember([password]);
    await approveReveal(ctx, note, 'see a newly generated password', [password]);
    return { structured: { password }, text: password };
  },
};
