// Exit codes of `ksm` and `lkru` for coded errors from config and core (the shared runner reports them).
import { EXIT, type ExitCode } from './exit-codes.js';

const CODED_EXIT: Readonly<Record<string, ExitCode>> = {
  ERR_DBUS_NO_SESSION: EXIT.DBUS_NO_SESSION,
  ERR_DBUS_UNAVAILABLE: EXIT.DBUS_UNAVAILABLE,
  ERR_KEYRING_NOT_FOUND: EXIT.KEYRING_NOT_FOUND,
  ERR_KEYRING_SECRET_NOT_FOUND: EXIT.KEYRING_SECRET_NOT_FOUND,
  ERR_KEYRING_LOCKED: EXIT.KEYRING_LOCKED,
  ERR_AWS_UNREACHABLE: EXIT.AWS,
  ERR_AWS_SECRET_NOT_FOUND: EXIT.AWS,
  ERR_AWS_FAILED: EXIT.AWS,
  ERR_PROFILE_NOT_FOUND: EXIT.CONFIG,
  ERR_NOTATION_SYNTAX: EXIT.USAGE,
  ERR_INVALID_PASSWORD_OPTIONS: EXIT.USAGE,
  ERR_INVALID_HOSTNAME: EXIT.USAGE,
  ERR_INVALID_TOKEN: EXIT.CONFIG,
  ERR_APP_KEY_INVALID: EXIT.CONFIG,
};

/**
 * The exit code for a coded error: the table above, else not-found, config or server by the code's name.
 *
 * @example
 * exitCodeFor('ERR_KEYRING_NOT_FOUND'); // 6
 */
export function exitCodeFor(code: string): ExitCode {
  const known = CODED_EXIT[code];
  if (known !== undefined) return known;
  if (code.includes('NOT_FOUND')) return EXIT.NOT_FOUND;
  return /CONFIG|TOKEN|PROFILE|INI/.test(code) ? EXIT.CONFIG : EXIT.SERVER;
}
