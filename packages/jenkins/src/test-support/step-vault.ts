// Test support: a real vault seeded like the plugin's Jenkinsfile example, device configs for it, and a ksm-step runner.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createNodeClient } from '@ksmkit/config';
import { createMemoryStorage, initializeConfig, readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';

/** The built binary under test. */
export const KSM_STEP = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Values in the seed (test-only, not real-looking). */
export const SEED_VALUES = {
  login: 'ci-deployer@example.test',
  password: 'Pa55-w0rd-for-tests',
  phone0: '555-0100',
  phone1: '555-0199',
  imageBytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 250, 251, 252]),
  certText: '-----BEGIN CERT-----\nline-one-of-cert\nline-two-of-cert\n-----END CERT-----\n',
} as const;

/** The seed: the plugin README's three records (login, custom `phone`, an image) plus a text attachment. */
export const SEED = {
  folders: [
    {
      name: 'CI',
      records: [
        { type: 'login', title: 'Web Login', fields: { login: SEED_VALUES.login, password: SEED_VALUES.password } },
        { type: 'login', title: 'Short', fields: { password: 'ab1' } },
        {
          type: 'login',
          title: 'Contact',
          fields: { login: 'contact' },
          custom: [
            {
              type: 'phone',
              label: 'phone',
              value: [
                { number: SEED_VALUES.phone0, type: 'Work' },
                { number: SEED_VALUES.phone1, type: 'Mobile' },
              ],
            },
          ],
        },
        {
          type: 'file',
          title: 'Images',
          files: [
            { name: 'IMG_0036.png', contentBase64: Buffer.from(SEED_VALUES.imageBytes).toString('base64') },
            { name: 'server.pem', content: SEED_VALUES.certText },
          ],
        },
      ],
    },
  ],
  apps: [{ name: 'ci', shares: [{ folder: 'CI' }] }],
};

/** A started vault with the seed and the UIDs of its records. */
export interface StepVault {
  readonly vault: TestVault;
  readonly uids: { readonly login: string; readonly contact: string; readonly images: string };
  /** A bound device config of app `ci`, base64 (what `KSM_CONFIG_<ID>` holds). */
  newConfig(): Promise<string>;
  /** A one-time token of app `ci` and the options `credentials add` needs for this vault. */
  newToken(): Promise<{ token: string; args: string[] }>;
}

/**
 * Starts the vault and returns helpers; call `vault.stop()` in afterAll.
 *
 * @example
 * const { vault, uids, newConfig } = await startStepVault();
 */
export async function startStepVault(): Promise<StepVault> {
  const vault = await startTestVault({ seed: SEED, throttle: { requests: 10_000, windowSeconds: 10 } });
  const ca = vault.caCertPath === null ? undefined : await readFile(vault.caCertPath, 'utf8');
  const newToken = async () => {
    const { token } = (await vault.admin(['client', 'add', '--app', 'ci'])) as { token: string };
    const args = ['--host', vault.hostname, '--server-public-key', vault.serverPublicKey];
    args.push('--server-public-key-id', String(vault.serverPublicKeyId));
    if (vault.caCertPath !== null) args.push('--ca-cert', vault.caCertPath);
    return { token, args };
  };
  const newConfig = async () => {
    const { token } = await newToken();
    const storage = createMemoryStorage();
    await initializeConfig(storage, token, {
      hostname: vault.hostname,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: vault.serverPublicKeyId,
      caCertificate: ca,
    });
    await (await createNodeClient({ storage })).client.getSecrets();
    return serializeDeviceConfig(await readDeviceConfig(storage), { format: 'base64' });
  };
  const records = vault.seeded.records;
  return {
    vault,
    uids: { login: records['Web Login']!, contact: records.Contact!, images: records.Images! },
    newConfig,
    newToken,
  };
}

/** What a ksm-step run printed and how it ended. */
export interface StepRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `ksm-step` with `args` in `cwd`, with only PATH, HOME and `env` in its environment.
 *
 * @example
 * const { code, stdout } = await runStep(['run', '--spec', 'spec.json', '--', 'env'], { cwd, env });
 */
export function runStep(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string; onStart?: (pid: number) => void },
): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KSM_STEP, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
