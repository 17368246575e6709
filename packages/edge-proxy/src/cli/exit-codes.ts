// Exit codes of `ksmkit-edge`, and the code for each coded error the runner reports.

/** `ksmkit-edge` exit codes. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, CONFIG: 3, NETWORK: 4, REJECTED: 5 } as const;

/**
 * The exit code of a coded error (config and core codes included).
 *
 * @example
 * exitCodeFor('ERR_PROFILE_NOT_FOUND'); // 3
 */
export function exitCodeFor(code: string): number {
  if (/NETWORK|TIMEOUT|UNREACHABLE/.test(code)) return EXIT.NETWORK;
  if (/CONFIG|PROFILE|INI|TOKEN|BASE64/.test(code)) return EXIT.CONFIG;
  return EXIT.FAILURE;
}
