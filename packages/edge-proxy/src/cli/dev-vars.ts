// `.dev.vars` (KEY=VALUE lines, as wrangler reads them): read the existing one and write a new one 0600.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@ksmkit/config';

/**
 * The variables of a `.dev.vars` file (empty when the file does not exist).
 *
 * @example
 * const vars = await readDevVars('.dev.vars');
 */
export async function readDevVars(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    let value = match[2].trim();
    if (value.length >= 2 && (value.startsWith('"') || value.startsWith("'")) && value.endsWith(value[0] as string)) {
      value = value.slice(1, -1);
    }
    vars[match[1]] = value;
  }
  return vars;
}

/**
 * Writes `vars` as a `.dev.vars` file, atomically and 0600.
 *
 * @example
 * await writeDevVars('.dev.vars', { KSM_CONFIG: '…' });
 */
export async function writeDevVars(path: string, vars: Readonly<Record<string, string>>): Promise<void> {
  const lines = Object.entries(vars).map(([key, value]) => `${key}=${value}`);
  await writeFileAtomic(
    path,
    `# Written by ksmkit-edge setup: local secrets for wrangler dev. Never commit this file.\n${lines.join('\n')}\n`,
  );
}
