// http_request: calls an allowlisted host with {{keeper://…}} placeholders filled in; the response comes back scrubbed.
import type { DecryptedRecord } from '@ksmkit/core';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { CallNote, ToolContext, ToolSpec } from '../tool-kit.js';
import { hostAllowed, recordHosts } from './host-allowlist.js';
import { resolveReference } from './resolve-reference.js';

const PLACEHOLDER = /\{\{\s*(keeper:\/\/[^}]+?)\s*\}\}/g;
const MAX_REDIRECTS = 5;

const input = z.strictObject({
  url: z.string().min(1).max(4000).describe('http(s) URL; placeholders allowed in the path and query, not the host'),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional().describe('Default GET'),
  headers: z
    .record(z.string(), z.string().max(8000))
    .optional()
    .describe('e.g. {"Authorization": "Bearer {{keeper://UID/field/password}}"}'),
  body: z.string().max(1_000_000).optional(),
});

const output = z.object({
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  truncated: z.boolean(),
  withheld: z.boolean(),
  redirectBlocked: z.boolean().describe('a redirect to a host that is not allowed was not followed'),
});

/** Replaces placeholders in `text`, collecting the records used. */
async function fill(ctx: ToolContext, note: CallNote, text: string, used: DecryptedRecord[]): Promise<string> {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const { record, value } = await resolveReference(ctx, note, match[1] ?? '');
    used.push(record);
    out += text.slice(last, match.index) + value;
    last = (match.index ?? 0) + match[0].length;
  }
  return out + text.slice(last);
}

/** Throws unless `url` may receive this request (the secrets of every record used, or the global list without). */
function checkDestination(url: URL, ctx: ToolContext, used: readonly DecryptedRecord[]): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new McpServerError('ERR_INVALID_INPUT', 'Only http and https URLs are supported.');
  }
  const lists = used.length === 0 ? [ctx.options.allowHosts] : used.map((r) => recordHosts(r, ctx.options.allowHosts));
  if (!lists.every((hosts) => hostAllowed(url, hosts))) {
    throw new McpServerError('ERR_NOT_ALLOWED', 'This host is not allowlisted for the secrets in this request.');
  }
}

/** The http_request tool. */
export const httpRequestTool: ToolSpec<typeof input, typeof output> = {
  name: 'http_request',
  title: 'HTTP request with secrets',
  description:
    'Send an HTTP request to an allowlisted host with secrets filled in by the server: write {{keeper://UID/field/TYPE}} ' +
    'in the headers, body, path or query. You never see the values; the response comes back with every secret masked. ' +
    'Redirects are followed only to allowed hosts.',
  input,
  output,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(ctx, args, note) {
    const shape = new URL(args.url.replace(PLACEHOLDER, 'x'));
    if (args.url.slice(0, args.url.indexOf(shape.host) + shape.host.length).includes('{{')) {
      throw new McpServerError('ERR_INVALID_INPUT', 'Placeholders may not be used in the scheme or host.');
    }
    const used: DecryptedRecord[] = [];
    let url = new URL(await fill(ctx, note, args.url, used));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(args.headers ?? {})) headers[name] = await fill(ctx, note, value, used);
    const body = args.body === undefined ? undefined : await fill(ctx, note, args.body, used);
    const method = args.method ?? 'GET';
    let response: Response | undefined;
    let redirectBlocked = false;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      checkDestination(url, ctx, used);
      response = await fetch(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.any([note.signal, AbortSignal.timeout(ctx.options.execTimeoutMs)]),
      });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) break;
      const next = new URL(location, url);
      try {
        checkDestination(next, ctx, used);
      } catch {
        redirectBlocked = true;
        break;
      }
      await response.body?.cancel();
      url = next;
    }
    if (response === undefined) throw new McpServerError('ERR_INVALID_INPUT', 'No response.');
    const { text, truncated } = await readCapped(response, ctx.options.outputCapBytes, ctx);
    const withheld = ctx.scrubber.hidesSecret(text);
    const shown: Record<string, string> = {};
    for (const name of ['content-type', 'content-length', 'location']) {
      const value = response.headers.get(name);
      if (value !== null) shown[name] = value;
    }
    note.decision = redirectBlocked ? 'redirect-blocked' : withheld ? 'withheld' : 'ok';
    const out = {
      status: response.status,
      headers: shown,
      body: withheld ? '[response withheld: it contained a secret value in a transformed form]' : text,
      truncated,
      withheld,
      redirectBlocked,
    };
    return {
      structured: out,
      text: `HTTP ${out.status}${redirectBlocked ? ' (redirect to a host that is not allowed: not followed)' : ''}\n${out.body}`,
    };
  },
};

/** Reads at most `cap` bytes of the body through the scrubber's stream. */
async function readCapped(
  response: Response,
  cap: number,
  ctx: ToolContext,
): Promise<{ text: string; truncated: boolean }> {
  const session = ctx.scrubber.stream();
  let text = '';
  let bytes = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  while (reader !== undefined) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, Math.max(0, cap - bytes));
    bytes += part.length;
    text += session.write(part);
    if (part.length < value.length) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  return { text: text + session.flush(), truncated };
}
