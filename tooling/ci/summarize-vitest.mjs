// Sums the "Tests N passed | M failed" lines of every vitest run in a log into one closing line.
import { readFileSync } from 'node:fs';

const ansiEscape = String.fromCharCode(27);
const log = readFileSync(process.argv[2], 'utf8').replaceAll(new RegExp(`${ansiEscape}\\[[0-9;]*m`, 'g'), '');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of log.split('\n')) {
  const match = /^\s*(?:\S+:\s+)?Tests\s+(.*)$/.exec(line);
  if (!match) continue;
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(match[1])?.[1] ?? 0);
  passed += count('passed');
  failed += count('failed');
  skipped += count('skipped');
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
