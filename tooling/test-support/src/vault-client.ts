// Test support (any runtime, workerd included): drive real vaults through the Node-side control endpoint.
import { afterAll, beforeAll, inject } from 'vitest';

/** How tests reach the control endpoint (`inject('ksmVaultControl')`). */
export interface VaultControl {
  readonly url: string;
  readonly secret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    ksmVaultControl: VaultControl;
  }
}

/** A vault started for a test (plain HTTP on loopback). */
export interface ControlledVault {
  readonly id: string;
  readonly hostname: string;
  /** `http://127.0.0.1:PORT`, what a device config uses as hostname. */
  readonly url: string;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  readonly seeded: { folders: Record<string, string>; records: Record<string, string>; apps: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: admin CLI output is untyped JSON
  admin<T = any>(args: readonly string[]): Promise<T>;
  stop(): Promise<void>;
}

async function call(body: Record<string, unknown>): Promise<unknown> {
  const control = inject('ksmVaultControl');
  if (control === undefined)
    throw new Error('the vault control endpoint is not running: add @ksmkit/test-support/vault-control to globalSetup');
  const response = await fetch(control.url, {
    method: 'POST',
    headers: { 'x-control-secret': control.secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`vault control ${String(body.op)} failed: ${text}`);
  return JSON.parse(text);
}

/**
 * Starts a real vault (`ksmkit-vault serve --http`) with an optional seed and throttle.
 *
 * @example
 * const vault = await startVault({ seed });
 * const { token } = await vault.admin(['client', 'add', '--app', 'ci']);
 */
export async function startVault(
  options: { seed?: Record<string, unknown>; throttle?: { requests: number; windowSeconds: number } } = {},
): Promise<ControlledVault> {
  const info = (await call({ op: 'start', ...options })) as Omit<ControlledVault, 'admin' | 'stop'>;
  return {
    ...info,
    admin: (args) => call({ op: 'admin', id: info.id, args }) as Promise<never>,
    stop: async () => {
      await call({ op: 'stop', id: info.id });
    },
  };
}

/**
 * Starts a vault before the tests of the enclosing `describe` and stops it after them; returns a getter.
 *
 * @example
 * const vault = useVault({ seed: CLIENT_SEED });
 * it('reads', async () => { const { token } = await vault().admin(['client', 'add', '--app', 'ci']); });
 */
export function useVault(options: Parameters<typeof startVault>[0] = {}): () => ControlledVault {
  let vault: ControlledVault | undefined;
  beforeAll(async () => {
    vault = await startVault(options);
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });
  return () => {
    if (vault === undefined) throw new Error('the vault has not started');
    return vault;
  };
}
