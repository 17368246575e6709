// Test assertions shared by the end-to-end suites: one tool call with its renderings, and "no canary in this text".
import { expect } from 'vitest';
import { ALL_CANARIES } from './canary-seed.js';
import { type Connected, resultText } from './mcp-harness.js';

/** A tool call's result with its raw JSON, its text and its structured content. */
export interface CallOutcome {
  readonly result: Awaited<ReturnType<Connected['client']['callTool']>>;
  readonly raw: string;
  readonly text: string;
  readonly out: Record<string, unknown>;
}

/**
 * Calls a tool and returns the result in the forms tests assert on.
 *
 * @example
 * const { out } = await callTool(conn, 'list_secrets', {});
 */
export async function callTool(conn: Connected, name: string, args: Record<string, unknown>): Promise<CallOutcome> {
  const result = await conn.client.callTool({ name, arguments: args });
  return {
    result,
    raw: JSON.stringify(result),
    text: resultText(result),
    out: result.structuredContent as Record<string, unknown>,
  };
}

/**
 * Fails when any canary (except `allowed`) appears in `text`.
 *
 * @example
 * expectNoCanary(JSON.stringify(result));
 */
export function expectNoCanary(text: string, allowed: readonly string[] = []): void {
  for (const canary of ALL_CANARIES) if (!allowed.includes(canary)) expect(text).not.toContain(canary);
}
