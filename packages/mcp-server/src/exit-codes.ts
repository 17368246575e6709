// Exit codes of `ksmkit-mcp`: 0 ok, 1 error, 2 usage, 3 config, 4 not found, 70 bug.

/**
 * The exit code for a coded error of config, core or this package.
 *
 * @example
 * exitCodeFor('ERR_PROFILE_NOT_FOUND') // 3
 */
export function exitCodeFor(code: string): number {
  if (/CONFIG|TOKEN|PROFILE|INI|KEYRING|AWS/.test(code)) return 3;
  if (code.includes('NOT_FOUND')) return 4;
  return 1;
}
