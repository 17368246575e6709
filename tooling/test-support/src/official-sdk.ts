// Test support: point the unmodified official JS SDK's https transport at a test vault's CA certificate.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { setCustomProxyAgent } from '@keeper-security/secrets-manager-core';

/**
 * Makes the official SDK (API calls, uploads, downloads) trust the CA in `caCertPath`, optionally connecting from
 * a given local address. The SDK keeps one process-wide agent, so the last call wins.
 *
 * @example
 * const vault = await startTestVault({ seed });
 * trustVaultInOfficialSdk(vault.caCertPath as string);
 */
export function trustVaultInOfficialSdk(caCertPath: string, options: { readonly localAddress?: string } = {}): void {
  setCustomProxyAgent(new Agent({ ca: readFileSync(caCertPath), keepAlive: false, ...options }));
}
