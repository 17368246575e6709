// Each destination's naming rules, checked before anything is written.

/** Destination kinds with naming rules. */
export type NamedKind = 'aws' | 'vault' | 'json' | 'dotenv' | 'azure' | 'gcp';

const RULES: Readonly<Record<NamedKind, (name: string) => string | null>> = {
  aws: (name) =>
    name.length > 512
      ? 'AWS secret names are at most 512 characters'
      : !/^[A-Za-z0-9/_+=.@-]+$/.test(name)
        ? 'AWS secret names use only letters, digits and /_+=.@-'
        : /-[A-Za-z0-9]{6}$/.test(name)
          ? 'AWS secret names must not end in a hyphen and six characters (it looks like an ARN suffix)'
          : null,
  vault: (name) =>
    !/^[A-Za-z0-9_.@=+-]+(\/[A-Za-z0-9_.@=+-]+)*$/.test(name)
      ? 'Vault paths are slash-separated segments of letters, digits and _.@=+- (no leading, trailing or double slash)'
      : name.split('/').some((segment) => segment === '.' || segment === '..')
        ? 'Vault paths must not contain "." or ".." segments'
        : null,
  json: (name) => (name.length > 1024 ? 'JSON keys are at most 1024 characters' : null),
  dotenv: (name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? null : 'dotenv keys are [A-Za-z_][A-Za-z0-9_]*'),
  azure: (name) =>
    /^[0-9A-Za-z-]{1,127}$/.test(name) ? null : 'Azure Key Vault names are 1-127 letters, digits and hyphens',
  gcp: (name) => (/^[A-Za-z0-9_-]{1,255}$/.test(name) ? null : 'GCP secret ids are 1-255 letters, digits, _ and -'),
};

/**
 * Why `name` is not a valid name for `kind`, or null when it is.
 *
 * @example
 * checkName('aws', 'prod/db password'); // 'AWS secret names use only letters, digits and /_+=.@-'
 */
export function checkName(kind: NamedKind, name: string): string | null {
  if (name.length === 0) return 'names must not be empty';
  return RULES[kind](name);
}
