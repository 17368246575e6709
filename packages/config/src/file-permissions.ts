// Permission checks on config files: anything beyond owner access is reported as a warning, never printed.
import { stat } from 'node:fs/promises';

/** A non-fatal finding about a config source, for the caller to show (the library never prints). */
export interface ConfigWarning {
  /** Stable code: `WARN_FILE_PERMISSIONS` (group/other can access the file). */
  readonly code: 'WARN_FILE_PERMISSIONS';
  /** The file concerned. */
  readonly path: string;
  /** Its permission bits, e.g. 0o644. */
  readonly mode: number;
  /** A sentence for humans, with the fix. */
  readonly message: string;
}

/**
 * Warnings for a config file whose permissions let group or others access it (mode & 0o077). Empty on Windows,
 * for missing files and for 0600/0400 files.
 *
 * @example
 * for (const w of await checkConfigPermissions('keeper.ini')) console.warn(w.message);
 */
export async function checkConfigPermissions(path: string, platform = process.platform): Promise<ConfigWarning[]> {
  if (platform === 'win32') return [];
  let mode: number;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    return [];
  }
  if ((mode & 0o077) === 0) return [];
  const octal = mode.toString(8).padStart(3, '0');
  return [
    {
      code: 'WARN_FILE_PERMISSIONS',
      path,
      mode,
      message: `Config file ${path} is accessible by other users (mode ${octal}); restrict it with: chmod 600 ${path}`,
    },
  ];
}
