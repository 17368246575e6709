// The JSONL audit log: who called which tool on which records and fields, the decision and the duration; no values.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Scrubber } from './scrubber.js';

/** One audit line. Record UIDs and field names only: never a value or a notation's resolved content. */
export interface AuditEntry {
  readonly client: string;
  readonly tool: string;
  readonly records?: readonly string[] | undefined;
  readonly fields?: readonly string[] | undefined;
  /** `ok`, `masked`, `revealed`, `declined`, `cancelled`, `refused`, `error`. */
  readonly decision: string;
  readonly code?: string | undefined;
  readonly durationMs: number;
}

/** Appends audit entries. */
export interface AuditLog {
  write(entry: AuditEntry): void;
}

/**
 * An audit log appending JSON lines (mode 0600) to `path`; with no path, entries go nowhere.
 *
 * @example
 * createAuditLog({ path: '/var/log/ksmkit-mcp.jsonl', scrubber }).write({ client: 'stdio', tool: 'health', decision: 'ok', durationMs: 3 });
 */
export function createAuditLog(options: {
  readonly path?: string | undefined;
  readonly scrubber: Scrubber;
  readonly clock?: () => number;
}): AuditLog {
  const { path, scrubber } = options;
  const clock = options.clock ?? Date.now;
  if (path === undefined) return { write() {} };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    write(entry) {
      const line = JSON.stringify({ time: new Date(clock()).toISOString(), ...entry });
      appendFileSync(path, `${scrubber.scrub(line)}\n`, { mode: 0o600 });
    },
  };
}
