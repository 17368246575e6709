// The public shapes of @ksmkit/redact: secrets in, options, warnings, the redactor and its streaming session.

/** A value to mask. `name` labels it (its destination, e.g. `DB_PASSWORD`) in counts and warnings; never the value. */
export interface SecretInput {
  readonly name: string;
  readonly value: string;
}

/** Every encoded form a secret is masked in; all are on by default. */
export type RedactForm = 'literal' | 'lines' | 'base64' | 'base64url' | 'percent' | 'json' | 'shell' | 'xml';

/** How a redactor masks, and what it does with values too short or blank to mask safely. */
export interface RedactorOptions {
  /** What a masked region is replaced with (default `****`). */
  readonly mask?: string;
  /** Values shorter than this many code points are not masked but reported (default 4). */
  readonly minLength?: number;
  /** `warn` (default) reports unmaskable values in `warnings`; `error` throws `RedactError`. */
  readonly onUnmaskable?: 'warn' | 'error';
  /** Turn single forms off, e.g. `{ xml: false }`; unlisted forms stay on. */
  readonly forms?: Partial<Record<RedactForm, boolean>>;
}

/** A value that is not masked, named by its `name` (never its value). */
export interface RedactWarning {
  readonly code: 'ERR_SECRET_TOO_SHORT' | 'ERR_SECRET_BLANK';
  readonly name: string;
  readonly message: string;
}

/** A streaming masking session: feed chunks in order, then `flush` once. */
export interface RedactStream {
  /** Masks what can be decided now; holds back only a tail that may still start a secret (bytes: UTF-8 split-safe). */
  write(chunk: string | Uint8Array): string;
  /** Masks and returns everything still held back; the session is finished afterwards. */
  flush(): string;
}

/** A compiled set of secrets; immutable apart from its counts. */
export interface Redactor {
  /** Masks a whole text. */
  redact(text: string): string;
  /** Starts a streaming session (one per output stream). */
  stream(): RedactStream;
  /** Values that are not masked (too short or blank), by name. */
  readonly warnings: readonly RedactWarning[];
  /** How many matches were masked per secret name, over every session of this redactor. */
  counts(): ReadonlyMap<string, number>;
  /** One line for the end of a block, e.g. `ksm: masked 3 occurrence(s) of 2 secret(s): DB_PASSWORD ×2, API_KEY ×1`. */
  summary(): string;
  /** A new redactor with these secrets added (counts so far are carried over). */
  with(more: readonly SecretInput[]): Redactor;
  /** How many distinct values are masked. */
  readonly size: number;
}
