// The exact-value scrubber: every secret value the server has seen, masked in every form @ksmkit/redact knows.
import { createRedactor, type Redactor } from '@ksmkit/redact';

/** Masks every remembered value in text and in JSON-like data; a call's human-approved values may be excepted. */
export interface Scrubber {
  /** Adds values to mask from now on (values already known cost nothing). */
  remember(values: Iterable<string>): void;
  /** Masks text; values in `except` (approved for this one call) stay readable. */
  scrub(text: string, except?: ReadonlySet<string>): string;
  /** Masks every string inside a JSON-like value (keys too), returning a copy. */
  scrubDeep<T>(value: T, except?: ReadonlySet<string>): T;
  /** How many distinct values are remembered. */
  readonly size: number;
}

/**
 * Creates an empty scrubber. The redactor is compiled lazily and again only when new values arrive.
 *
 * @example
 * const scrubber = createScrubber();
 * scrubber.remember(['hunter2!']);
 * scrubber.scrub('pw=hunter2!') // 'pw=****'
 */
export function createScrubber(): Scrubber {
  const values = new Set<string>();
  let compiled: Redactor | null = null;

  const redactorFor = (except?: ReadonlySet<string>): Redactor => {
    if (except !== undefined && except.size > 0) {
      const kept = [...values].filter((v) => !except.has(v));
      return createRedactor(kept.map((value, i) => ({ name: `secret-${i}`, value })));
    }
    if (compiled === null) compiled = createRedactor([...values].map((value, i) => ({ name: `secret-${i}`, value })));
    return compiled;
  };

  const deep = (value: unknown, redactor: Redactor): unknown => {
    if (typeof value === 'string') return redactor.redact(value);
    if (Array.isArray(value)) return value.map((item) => deep(item, redactor));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactor.redact(k), deep(v, redactor)]));
    }
    return value;
  };

  return {
    remember(more) {
      for (const value of more) {
        if (value.trim().length === 0 || values.has(value)) continue;
        values.add(value);
        compiled = null;
      }
    },
    scrub(text, except) {
      return values.size === 0 ? text : redactorFor(except).redact(text);
    },
    scrubDeep(value, except) {
      return values.size === 0 ? value : (deep(value, redactorFor(except)) as typeof value);
    },
    get size() {
      return values.size;
    },
  };
}
