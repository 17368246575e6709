// Shell-quoted forms of a secret: bash single quotes, `$` doubled (make, compose), and backslash escapes.

/** Characters that `printf %q` and `set -x` escape with a backslash. */
const SPECIAL = /[\s!"#$&'()*;<>?[\\\]`{|}~]/g;

/**
 * The shell patterns of a secret: `'` written as `'\''` (inside single quotes), `$` doubled, and every special
 * character backslash-escaped as `printf %q` does.
 *
 * @example
 * shellForms("it's $5"); // ["it'\\''s $5", "it's $$5", "it\\'s\\ \\$5"]
 */
export function shellForms(value: string): string[] {
  return [
    value.replaceAll("'", "'\\''"),
    value.replaceAll('$', () => '$$'),
    value.replace(SPECIAL, (char) => `\\${char}`),
  ];
}
