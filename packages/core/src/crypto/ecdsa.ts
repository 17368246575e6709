// ECDSA P-256 / SHA-256 signatures in ASN.1 DER, the form KSM's Authorization header carries (spec §3.4).

import { importVerifyingKey } from './ec-keys.js';
import { signatureFromDer, signatureToDer } from './ecdsa-der.js';

const ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * Signs `data` with an ECDSA P-256 key (see `importSigningKey`) and returns the DER signature (70–72 bytes).
 *
 * @example
 * const signature = await signEcdsa(signingKey, concatBytes(transmissionKeyBytes, body));
 */
export async function signEcdsa(
  signingKey: CryptoKey,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const raw = new Uint8Array(await crypto.subtle.sign(ALGORITHM, signingKey, data));
  return signatureToDer(raw);
}

/**
 * Verifies a DER ECDSA P-256 / SHA-256 signature. Returns false, never throws, for malformed signatures,
 * malformed public keys or a mismatch: every argument may come from an attacker.
 *
 * @example
 * if (!(await verifyEcdsa(devicePublicKey, signedBytes, signature))) return accessDenied();
 */
export async function verifyEcdsa(
  publicKey: CryptoKey | Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
  signature: Uint8Array,
): Promise<boolean> {
  const raw = signatureFromDer(signature);
  if (raw === null) return false;
  try {
    const key = publicKey instanceof Uint8Array ? await importVerifyingKey(publicKey) : publicKey;
    return await crypto.subtle.verify(ALGORITHM, key, raw, data);
  } catch {
    return false;
  }
}
