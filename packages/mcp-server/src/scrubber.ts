// The exact-value scrubber: every secret value the server has seen, masked in every form @ksmkit/redact knows.
import { createRedactor, type Redactor, type RedactStream } from '@ksmkit/redact';

/** Masks every remembered value in text and in JSON-like data; a call's human-approved values may be excepted. */
export interface Scrubber {
  /** Adds values to mask from now on (values already known cost nothing). */
  remember(values: Iterable<string>): void;
  /** Masks text; values in `except` (approved for this one call) stay readable. */
  scrub(text: string, except?: ReadonlySet<string>): string;
  /** Masks every string inside a JSON-like value (keys too), returning a copy. */
  scrubDeep<T>(value: T, except?: ReadonlySet<string>): T;
  /** A streaming session over every remembered value (for process output). */
  stream(): RedactStream;
  /**
   * True when text hides a remembered value that plain masking would miss: with all whitespace removed (a value
   * split across lines or padded), or reversed. Callers withhold such output whole.
   */
  hidesSecret(text: string): boolean;
  /** How many distinct values are remembered. */
  readonly size: number;
}

/** Forms derived from a value that @ksmkit/redact does not cover: reversed text and hex of the UTF-8 bytes. */
function derivedForms(value: string): string[] {
  if (value.length < 6) return [];
  const hex = [...new TextEncoder().encode(value)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return [[...value].reverse().join(''), hex, hex.toUpperCase()];
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
        for (const form of derivedForms(value)) values.add(form);
        compiled = null;
      }
    },
    scrub(text, except) {
      return values.size === 0 ? text : redactorFor(except).redact(text);
    },
    scrubDeep(value, except) {
      return values.size === 0 ? value : (deep(value, redactorFor(except)) as typeof value);
    },
    stream() {
      return redactorFor().stream();
    },
    hidesSecret(text) {
      if (values.size === 0) return false;
      const squeezed = text.replace(/\s+/g, '');
      const redactor = redactorFor();
      return redactor.redact(squeezed) !== squeezed;
    },
    get size() {
      return values.size;
    },
  };
}
