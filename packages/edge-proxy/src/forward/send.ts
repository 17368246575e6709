// Sends an injected request: redirects followed by hand (each hop re-checked), the reply scrubbed of every secret form.
import { type Redactor, redactTransformStream } from '@ksmkit/redact';
import { EdgeError } from '../errors.js';
import { checkDestination, type DestinationPolicy } from './destination.js';

/** An outbound request with its secrets filled in. */
export interface Outbound {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  /** Header names whose values carry a secret (dropped on a cross-origin redirect). */
  readonly secretHeaders: ReadonlySet<string>;
  /** True when the body carries a secret (a cross-origin redirect that would resend it is refused). */
  readonly secretBody: boolean;
}

/** Limits of one forward. */
export interface SendLimits {
  readonly maxResponseBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DROPPED_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'];

function limitStream(max: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) {
        controller.error(new EdgeError('ERR_BODY_TOO_LARGE', 502, 'The destination reply exceeds the size limit'));
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

function nextHop(current: Outbound, response: Response): Outbound | null {
  const location = response.headers.get('location');
  if (!REDIRECTS.has(response.status) || location === null) return null;
  const url = new URL(location, current.url);
  const crossOrigin = url.origin !== current.url.origin;
  const toGet =
    response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === 'POST');
  const body = toGet ? null : current.body;
  if (crossOrigin && body !== null && current.secretBody) {
    throw new EdgeError(
      'ERR_REDIRECT_DENIED',
      403,
      'The destination redirected a request with secrets in its body to another origin',
      {
        host: url.hostname,
      },
    );
  }
  const headers = new Headers(current.headers);
  if (crossOrigin) for (const name of current.secretHeaders) headers.delete(name);
  if (toGet) headers.delete('content-type');
  return {
    ...current,
    url,
    headers,
    body,
    method: toGet ? 'GET' : current.method,
    secretBody: body !== null && current.secretBody,
  };
}

function scrubbed(response: Response, redactor: Redactor, limits: SendLimits): Response {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limits.maxResponseBytes) {
    throw new EdgeError('ERR_BODY_TOO_LARGE', 502, 'The destination reply exceeds the size limit', {
      limit: limits.maxResponseBytes,
    });
  }
  const headers = new Headers();
  for (const [name, value] of response.headers) {
    if (!DROPPED_HEADERS.includes(name)) headers.append(name, redactor.redact(value));
  }
  headers.set('x-ksmkit-forwarded', 'scrubbed');
  const body =
    response.body === null
      ? null
      : response.body.pipeThrough(limitStream(limits.maxResponseBytes)).pipeThrough(redactTransformStream(redactor));
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Sends `outbound` (following at most `maxRedirects` allowed redirects) and returns the scrubbed reply.
 *
 * @example
 * const response = await sendScrubbed(outbound, policy, redactor, limits);
 */
export async function sendScrubbed(
  outbound: Outbound,
  policy: DestinationPolicy,
  redactor: Redactor,
  limits: SendLimits,
): Promise<Response> {
  let current = outbound;
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    checkDestination(current.url, policy, hop === 0 ? 'ERR_DESTINATION_DENIED' : 'ERR_REDIRECT_DENIED');
    let response: Response;
    try {
      response = await fetch(current.url, {
        method: current.method,
        headers: current.headers,
        body: current.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
    } catch {
      throw new EdgeError('ERR_DESTINATION_FAILED', 502, 'The destination could not be reached', {
        host: current.url.hostname,
      });
    }
    const next = nextHop(current, response);
    if (next === null) return scrubbed(response, redactor, limits);
    await response.body?.cancel();
    current = next;
  }
  throw new EdgeError(
    'ERR_DESTINATION_FAILED',
    502,
    `The destination redirected more than ${limits.maxRedirects} times`,
  );
}
