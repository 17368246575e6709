// POST /v1/forward: inject mode. The caller sends a request template with {{keeper://…}} placeholders; the proxy
// fills them in, sends it to an allowlisted host and returns the reply with every secret form scrubbed.
import { createRedactor } from '@ksmkit/redact';
import { Hono } from 'hono';
import type { EdgeApp } from '../app-types.js';
import { readJsonObject } from '../body.js';
import { EdgeError } from '../errors.js';
import { fill, findPlaceholders, hasPlaceholder } from '../forward/placeholders.js';
import { sendScrubbed } from '../forward/send.js';
import { resolveNotations } from '../secret-access.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

function invalid(message: string): EdgeError {
  return new EdgeError('ERR_INVALID_REQUEST', 400, message);
}

function noBreaks(value: string): string {
  if (/[\r\n\0]/.test(value)) throw invalid('A secret used in a header contains a line break');
  return value;
}

/**
 * The forward route (mounted under /v1 behind `authenticate`).
 *
 * @example
 * app.route('/v1', forwardRoutes);
 */
export const forwardRoutes = new Hono<EdgeApp>().post('/forward', async (c) => {
  const audit = c.var.audit;
  audit.mode = 'forward';
  const { settings } = c.var;
  const input = await readJsonObject(c.req.raw, settings.maxBodyBytes);
  const { url, method = 'GET', headers = {}, body = null } = input;
  if (typeof url !== 'string')
    throw invalid('Send {"url":"https://host/path","method":"POST","headers":{},"body":"…"}');
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase()))
    throw invalid(`"method" must be one of ${[...METHODS].join(', ')}`);
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw invalid('"headers" must be an object of strings');
  const headerEntries = Object.entries(headers as Record<string, unknown>);
  if (headerEntries.some(([, value]) => typeof value !== 'string'))
    throw invalid('"headers" must be an object of strings');
  if (body !== null && typeof body !== 'string') throw invalid('"body" must be a string (or null)');

  // The scheme, host and port must be stated by the caller, never come from a secret.
  let template: URL;
  try {
    template = new URL(url);
  } catch {
    throw invalid('"url" must be an absolute URL');
  }
  if (hasPlaceholder(template.origin) || hasPlaceholder(decodeURIComponent(template.host))) {
    throw invalid('Placeholders are not allowed in the scheme, host or port of "url"');
  }
  audit.destination = template.hostname;

  const texts = [url, ...headerEntries.map(([, value]) => value as string), ...(body === null ? [] : [body as string])];
  const notations = findPlaceholders(texts);
  const resolved = await resolveNotations(c.var.records, c.var.rules, notations, audit);
  const values = new Map<string, string>();
  for (const item of resolved) {
    if (item.values.length !== 1) throw invalid('Each placeholder must resolve to exactly one value');
    values.set(item.notation, item.values[0] as string);
  }
  const redactor = createRedactor([...values.values()].map((value, i) => ({ name: `secret${i}`, value })));
  if (redactor.warnings.length > 0) throw invalid('A secret is too short to be scrubbed from the reply safely');

  const target = new URL(fill(url, values, encodeURIComponent));
  if (target.origin !== template.origin) throw invalid('"url" changed origin after filling in placeholders');
  const outHeaders = new Headers();
  const secretHeaders = new Set<string>();
  for (const [name, value] of headerEntries) {
    const text = value as string;
    if (hasPlaceholder(text)) secretHeaders.add(name.toLowerCase());
    outHeaders.set(name, fill(text, values, noBreaks));
  }
  const response = await sendScrubbed(
    {
      url: target,
      method: method.toUpperCase(),
      headers: outHeaders,
      body: body === null ? null : fill(body as string, values, (v) => v),
      secretHeaders,
      secretBody: body !== null && hasPlaceholder(body as string),
    },
    {
      tokenHosts: c.var.caller.hosts,
      recordHosts: resolved.map((item) => item.allowedHosts),
      allowHttp: settings.allowHttp,
    },
    redactor,
    { maxResponseBytes: settings.maxBodyBytes * 8, timeoutMs: 30_000, maxRedirects: 5 },
  );
  return response;
});
