// upload_file and download_file: attachments in and out of operator-allowed directories, size-capped, never inline unless revealed.
import { lstat, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';
import { approveReveal } from './reveal.js';
import { safePath } from './safe-path.js';

const uploadInput = z.strictObject({
  uid: z.string().min(1).max(64).describe('Record UID'),
  path: z.string().min(1).max(1000).describe('File inside an allowed directory (relative to the first one)'),
  title: z.string().max(200).optional(),
});

const uploadOutput = z.object({ fileUid: z.string(), name: z.string(), size: z.number() });

/** The upload_file tool. */
export const uploadFileTool: ToolSpec<typeof uploadInput, typeof uploadOutput> = {
  name: 'upload_file',
  title: 'Attach a file to a record',
  description:
    'Attach a file from an operator-allowed directory to a record. Paths outside those directories are refused.',
  input: uploadInput,
  output: uploadOutput,
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    const path = await safePath(args.path, ctx.options.fileDirs, 'read');
    const info = await lstat(path);
    if (!info.isFile()) throw new McpServerError('ERR_INVALID_INPUT', 'Not a regular file.');
    if (info.size > ctx.options.maxFileBytes) {
      throw new McpServerError('ERR_TOO_LARGE', `The file is larger than ${ctx.options.maxFileBytes} bytes.`);
    }
    const record = await ctx.view.record(args.uid, note.signal);
    const content = new Uint8Array(await readFile(path));
    const name = basename(path);
    const fileUid = await ctx.client.uploadFile(record, { name, content, title: args.title, signal: note.signal });
    ctx.view.invalidate();
    note.fields = [name];
    return {
      structured: { fileUid, name, size: content.length },
      text: `attached ${name} (${content.length} bytes) as ${fileUid}`,
    };
  },
};

const downloadInput = z.strictObject({
  uid: z.string().min(1).max(64).describe('Record UID'),
  file: z.string().min(1).max(200).describe('File UID or name'),
  saveTo: z.string().max(1000).optional().describe('Write the file here, inside an allowed directory'),
  reveal: z.boolean().optional().describe('Ask the human to approve returning the content (text) once'),
});

const downloadOutput = z.object({
  fileUid: z.string(),
  name: z.string(),
  size: z.number(),
  savedTo: z.string().nullable(),
  content: z.string().nullable().describe('the content, only when a human approved the reveal'),
});

/** The download_file tool. */
export const downloadFileTool: ToolSpec<typeof downloadInput, typeof downloadOutput> = {
  name: 'download_file',
  title: 'Download a record file',
  description:
    'Download a record attachment into an operator-allowed directory (saveTo). Its content is never returned inline ' +
    'unless reveal: true and the user approves in their MCP client.',
  input: downloadInput,
  output: downloadOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(ctx, args, note) {
    note.records = [args.uid];
    const record = await ctx.view.record(args.uid, note.signal);
    const file = record.files.find((f) => f.fileUid === args.file || f.metadata.name === args.file);
    if (file === undefined) throw new McpServerError('ERR_NOT_FOUND', 'The record has no such file.');
    const name = String(file.metadata.name ?? file.fileUid);
    note.fields = [name];
    if (typeof file.metadata.size === 'number' && file.metadata.size > ctx.options.maxFileBytes) {
      throw new McpServerError('ERR_TOO_LARGE', `The file is larger than ${ctx.options.maxFileBytes} bytes.`);
    }
    const target = args.saveTo === undefined ? null : await safePath(args.saveTo, ctx.options.fileDirs, 'write');
    const bytes = await ctx.client.downloadFile(file, { signal: note.signal });
    const text = new TextDecoder().decode(bytes);
    ctx.scrubber.remember([text, ...text.split(/\r?\n/)]);
    if (target !== null) await writeFile(target, bytes, { mode: 0o600 });
    let content: string | null = null;
    if (args.reveal === true) {
      await approveReveal(ctx, note, `see the content of the file "${name}" of the record "${record.data.title}"`, [
        text,
        ...text.split(/\r?\n/),
      ]);
      content = text;
    }
    const out = { fileUid: file.fileUid, name, size: bytes.length, savedTo: target, content };
    return {
      structured: out,
      text: `${name} (${bytes.length} bytes)${target ? ` saved to ${target}` : ''}${content === null ? '' : `\n${content}`}`,
    };
  },
};
