// Inject mode, shared by POST /v1/forward and the RPC entry point: fill {{keeper://…}} placeholders of a request
// template, send it to an allowlisted host and return the reply with every secret form scrubbed.
import { createRedactor } from '@ksmkit/redact';
import type { AuditRecord } from '../audit.js';
import type { RecordSourceContext } from '../cache/record-source.js';
import type { EdgeSettings } from '../env.js';
import { EdgeError } from '../errors.js';
import type { ScopeRule } from '../scope.js';
import { resolveNotations } from '../secret-access.js';
import { fill, findPlaceholders, hasPlaceholder } from './placeholders.js';
import { sendScrubbed } from './send.js';

/** Who is forwarding, and what they may use. */
export interface ForwardAccess {
  readonly records: RecordSourceContext;
  readonly rules: readonly ScopeRule[];
  /** Destination hosts the caller may reach. */
  readonly hosts: readonly string[];
  readonly settings: EdgeSettings;
  readonly audit: AuditRecord;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

function invalid(message: string): EdgeError {
  return new EdgeError('ERR_INVALID_REQUEST', 400, message);
}

function noBreaks(value: string): string {
  if (/[\r\n\0]/.test(value)) throw invalid('A secret used in a header contains a line break');
  return value;
}

/**
 * Runs one inject-mode request `{ url, method?, headers?, body? }` for a caller.
 *
 * @example
 * const reply = await forwardRequest({ url: 'https://api.example.com/v1', headers: { authorization: 'Bearer {{keeper://UID/field/password}}' } }, access);
 */
export async function forwardRequest(input: Record<string, unknown>, access: ForwardAccess): Promise<Response> {
  const audit = access.audit;
  audit.mode = audit.mode === 'rpc' ? 'rpc' : 'forward';
  const { url, method = 'GET', headers = {}, body = null } = input;
  if (typeof url !== 'string')
    throw invalid('Send {"url":"https://host/path","method":"POST","headers":{},"body":"…"}');
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase()))
    throw invalid(`"method" must be one of ${[...METHODS].join(', ')}`);
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw invalid('"headers" must be an object of strings');
  const headerEntries = Object.entries(headers as Record<string, unknown>);
  if (typeof body === 'string' && new TextEncoder().encode(body).length > access.settings.maxBodyBytes) {
    const limit = access.settings.maxBodyBytes;
    throw new EdgeError('ERR_BODY_TOO_LARGE', 413, `The request body exceeds ${limit} bytes`, { limit });
  }
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
  const resolved = await resolveNotations(access.records, access.rules, notations, audit);
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
      tokenHosts: access.hosts,
      recordHosts: resolved.map((item) => item.allowedHosts),
      allowHttp: access.settings.allowHttp,
    },
    redactor,
    { maxResponseBytes: access.settings.maxBodyBytes * 8, timeoutMs: 30_000, maxRedirects: 5 },
  );
  return response;
}
