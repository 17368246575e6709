// `ksm exec` (built binary) passes the child's end on: its exit code, or 128+N when a signal N killed it.
import { execFile } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const KSM = fileURLToPath(new URL('../../dist/ksm/main.js', import.meta.url));

/** Runs `ksm exec -- sh -c SCRIPT` with no keeper:// variables (so no profile is needed); resolves with its status. */
function execStatus(script: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [KSM, 'exec', '--', 'sh', '-c', script], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

describe('ksm exec', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGKILL', 137],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('exits 128+N when %s kills the child', async (signal, expected) => {
    expect(128 + constants.signals[signal]).toBe(expected);
    expect(await execStatus(`kill -${signal.slice(3)} $$`)).toEqual({ code: expected, signal: null });
  });

  it('exits with the code the child exits with, 0 included', async () => {
    expect(await execStatus('exit 3')).toEqual({ code: 3, signal: null });
    expect(await execStatus('exit 0')).toEqual({ code: 0, signal: null });
  });
});
