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
   * split across lines or padded). Callers withhold such output whole.
   */
  hidesSecret(text: string): boolean;
  /** How many distinct values are remembered. */
  readonly size: number;
}

/** Literal matching only, for forms that are already encodings (reversed text, hex). */
const LITERAL_ONLY = {
  lines: false,
  base64: false,
  base64url: false,
  percent: false,
  json: false,
  shell: false,
  xml: false,
} as const;

/** Forms derived from a value that @ksmkit/redact does not cover: reversed text and hex of the UTF-8 bytes. */
function derivedForms(value: string): string[] {
  if (value.length < 6) return [];
  const hex = [...new TextEncoder().encode(value)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return [[...value].reverse().join(''), hex, hex.toUpperCase()];
}

/** The values (every encoded form) and their derived forms (literal), compiled together. */
interface Compiled {
  readonly main: Redactor;
  readonly derived: Redactor;
}

const compile = (values: Iterable<string>): Compiled => {
  const list = [...values];
  const named = (xs: readonly string[]) => xs.map((value, i) => ({ name: `secret-${i}`, value }));
  return {
    main: createRedactor(named(list)),
    derived: createRedactor(named(list.flatMap(derivedForms)), { forms: LITERAL_ONLY }),
  };
};

const redactText = (c: Compiled, text: string): string => c.derived.redact(c.main.redact(text));

/**
 * Creates an empty scrubber. The redactors are compiled lazily and again only when new values arrive.
 *
 * @example
 * const scrubber = createScrubber();
 * scrubber.remember(['hunter2!']);
 * scrubber.scrub('pw=hunter2!') // 'pw=****'
 */
export function createScrubber(): Scrubber {
  const values = new Set<string>();
  let compiled: Compiled | null = null;

  const compiledFor = (except?: ReadonlySet<string>): Compiled => {
    if (except !== undefined && except.size > 0) return compile([...values].filter((v) => !except.has(v)));
    compiled ??= compile(values);
    return compiled;
  };

  const deep = (value: unknown, c: Compiled): unknown => {
    if (typeof value === 'string') return redactText(c, value);
    if (Array.isArray(value)) return value.map((item) => deep(item, c));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(c, k), deep(v, c)]));
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
      return values.size === 0 ? text : redactText(compiledFor(except), text);
    },
    scrubDeep(value, except) {
      return values.size === 0 ? value : (deep(value, compiledFor(except)) as typeof value);
    },
    stream() {
      const c = compiledFor();
      const main = c.main.stream();
      const derived = c.derived.stream();
      return {
        write: (chunk) => derived.write(main.write(chunk)),
        flush: () => derived.write(main.flush()) + derived.flush(),
      };
    },
    hidesSecret(text) {
      if (values.size === 0) return false;
      const squeezed = text.replace(/\s+/g, '');
      return redactText(compiledFor(), squeezed) !== squeezed;
    },
    get size() {
      return values.size;
    },
  };
}
