// Test support: an HTTP proxy in front of a real server that injects faults (throttling with Retry-After, 5xx) and counts calls.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One planned fault: answer the next `count` matching requests with `status` (and Retry-After seconds). */
export interface Fault {
  readonly count: number;
  readonly status: number;
  readonly retryAfter?: number;
  /** AWS error type for the JSON body (`ThrottlingException`, `InternalServiceError`). */
  readonly type?: string;
  /** Only requests whose operation (x-amz-target suffix, or METHOD path) matches. */
  readonly match?: (operation: string) => boolean;
}

/** A running proxy. */
export interface FaultProxy {
  readonly url: string;
  /** Operations seen, in order (faulted ones included), with the time they arrived. */
  readonly log: { operation: string; at: number; faulted: boolean }[];
  inject(fault: Fault): void;
  /** Refuse every request with a dropped connection (a destination that is down) until `up()`. */
  down(): void;
  up(): void;
  stop(): Promise<void>;
}

const operationOf = (request: IncomingMessage): string => {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' ? (target.split('.').pop() ?? target) : `${request.method} ${request.url}`;
};

/**
 * Starts a loopback proxy to `upstream`.
 *
 * @example
 * const proxy = await startFaultProxy(moto.endpoint);
 * proxy.inject({ count: 3, status: 400, type: 'ThrottlingException', retryAfter: 1 });
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const faults: (Fault & { left: number })[] = [];
  const log: FaultProxy['log'] = [];
  let isDown = false;
  const server = createServer(async (request, response) => {
    const operation = operationOf(request);
    if (isDown) {
      log.push({ operation, at: Date.now(), faulted: true });
      request.socket.destroy();
      return;
    }
    const fault = faults.find((f) => f.left > 0 && (f.match?.(operation) ?? true));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    log.push({ operation, at: Date.now(), faulted: fault !== undefined });
    if (fault !== undefined) {
      fault.left--;
      const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      response.writeHead(fault.status, headers);
      response.end(JSON.stringify({ __type: fault.type ?? 'InternalServiceError', message: 'injected fault' }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => k !== 'host' && k !== 'connection' && k !== 'content-length'),
    ) as Record<string, string>;
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(
      answer.status,
      Object.fromEntries(
        [...answer.headers].filter(
          ([k]) => k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding',
        ),
      ),
    );
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    inject: (fault) => faults.push({ ...fault, left: fault.count }),
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
