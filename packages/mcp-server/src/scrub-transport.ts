// The last line of defence: every message the server sends passes the scrubber, except a call's approved values.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Scrubber } from './scrubber.js';

/** Values a human approved for one request, released into that request's response only. */
export interface Approvals {
  /** Lets `values` through in the response to `requestId` (once). */
  grant(requestId: string | number, values: Iterable<string>): void;
  /** Takes (and forgets) the values approved for a response. */
  take(requestId: string | number | undefined): ReadonlySet<string> | undefined;
}

/**
 * A per-connection approval register.
 *
 * @example
 * approvals.grant(extra.requestId, ['the approved value']);
 */
export function createApprovals(): Approvals {
  const byRequest = new Map<string | number, Set<string>>();
  return {
    grant(requestId, values) {
      const set = byRequest.get(requestId) ?? new Set<string>();
      for (const value of values) set.add(value);
      byRequest.set(requestId, set);
    },
    take(requestId) {
      if (requestId === undefined) return undefined;
      const set = byRequest.get(requestId);
      byRequest.delete(requestId);
      return set;
    },
  };
}

/**
 * Wraps `transport.send` so that each outgoing JSON-RPC message is scrubbed (strings and keys, at any depth).
 * Call before `server.connect(transport)`.
 *
 * @example
 * scrubOutgoing(new StdioServerTransport(), scrubber, approvals);
 */
export function scrubOutgoing<T extends Transport>(transport: T, scrubber: Scrubber, approvals: Approvals): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const id = 'id' in message && 'result' in message ? message.id : undefined;
    const except = approvals.take(id as string | number | undefined);
    return send(scrubber.scrubDeep(message, except) as JSONRPCMessage, options);
  };
  return transport;
}
