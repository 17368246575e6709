// Reads all of standard input as UTF-8 (spec files, configs and tokens given as `-`).

/**
 * Resolves with everything on stdin.
 *
 * @example
 * const token = (await readStdin()).trim();
 */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
