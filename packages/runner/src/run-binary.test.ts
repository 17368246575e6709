// The runner as a binary sees it: a real subprocess for help, version, strict options, each kind of error and EPIPE.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./test-support/demo-bin.mjs', import.meta.url));

function demo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('runBinary', () => {
  it('runs a command and exits 0', () => {
    expect(demo('say', '--text', 'hi', '--loud')).toEqual({ status: 0, stdout: 'HI\n', stderr: '' });
  });

  it('prints usage for --help, no arguments, and a subcommand, and the version', () => {
    expect(demo('--help').stdout).toContain('say');
    expect(demo().status).toBe(0);
    expect(demo('say', '--help').stdout).toContain('--line-count');
    expect(demo('--version')).toEqual({ status: 0, stdout: '1.2.3\n', stderr: '' });
  });

  it('takes -h as help only where the command does not define -h itself', () => {
    expect(demo('say', '-h').stdout).toContain('--line-count');
    expect(demo('host', '-h', 'US_GOV')).toEqual({ status: 0, stdout: 'US_GOV\n', stderr: '' });
    expect(demo('host', '--help').stdout).toContain('--hostname');
  });

  it('refuses an unknown option with exit 2, naming the option', () => {
    const result = demo('say', '--text', 'hi', '--bogus-flag');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('demo: Unknown option --bogus-flag; run `demo say --help`\n');
    expect(result.stdout).toBe('');
    expect(demo('say', '-x').stderr).toContain('Unknown option -x');
  });

  it('takes a value that starts with - as the value of a string option, and never echoes an unknown one', () => {
    expect(demo('say', '-t', '-MySecretPw1')).toMatchObject({ status: 0, stdout: '-MySecretPw1\n' });
    const odd = demo('say', '--text=x', '--p@ss=w0rd!');
    expect(odd.status).toBe(2);
    expect(odd.stderr).not.toContain('w0rd');
    expect(odd.stderr).toContain('Unknown option an option');
  });

  it('accepts kebab and camel spellings, --no- for booleans, and stops checking at --', () => {
    expect(demo('say', '--text', 'a', '--lineCount', '2').stdout).toBe('a\na\n');
    expect(demo('say', '--text', 'a', '--no-loud').stdout).toBe('a\n');
    expect(demo('say', '--text', 'a', '--', '--anything').status).toBe(0);
  });

  it('prints user errors plainly with their exit code', () => {
    expect(demo('fail', 'user')).toEqual({ status: 7, stdout: '', stderr: 'demo: Give a name; e.g. --name x\n' });
  });

  it('maps coded errors through exitCodeFor', () => {
    expect(demo('fail', 'coded')).toEqual({ status: 4, stdout: '', stderr: 'demo: Record not found\n' });
  });

  it('reports bugs with a stack and "please report", with the bug exit code', () => {
    const result = demo('fail', 'bug');
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/^demo: unexpected error \(a bug; please report it/);
    expect(result.stderr).toContain('TypeError: boom');
  });

  it('treats a closed stdout as a normal end (no EPIPE stack)', async () => {
    const child = spawn(process.execPath, [BIN, 'say', '--text', 'x'.repeat(200), '--line-count', '100000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
