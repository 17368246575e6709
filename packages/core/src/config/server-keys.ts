// Keeper's built-in server public keys (spec §2.4) and the choice of transmission key for a config.
import { base64Decode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';

/** Keeper's server public keys by id: url base64 of 65-byte uncompressed P-256 points (spec §2.4). */
export const KEEPER_SERVER_PUBLIC_KEYS: Readonly<Record<number, string>> = {
  7: 'BK9w6TZFxE6nFNbMfIpULCup2a8xc6w2tUTABjxny7yFmxW0dAEojwC6j6zb5nTlmb1dAx8nwo3qF7RPYGmloRM',
  8: 'BKnhy0obglZJK-igwthNLdknoSXRrGB-mvFRzyb_L-DKKefWjYdFD2888qN1ROczz4n3keYSfKz9Koj90Z6w_tQ',
  9: 'BAsPQdCpLIGXdWNLdAwx-3J5lNqUtKbaOMV56hUj8VzxE2USLHuHHuKDeno0ymJt-acxWV1xPlBfNUShhRTR77g',
  10: 'BNYIh_Sv03nRZUUJveE8d2mxKLIDXv654UbshaItHrCJhd6cT7pdZ_XwbdyxAOCWMkBb9AZ4t1XRCsM8-wkEBRg',
  11: 'BA6uNfeYSvqagwu4TOY6wFK4JyU5C200vJna0lH4PJ-SzGVXej8l9dElyQ58_ljfPs5Rq6zVVXpdDe8A7Y3WRhk',
  12: 'BMjTIlXfohI8TDymsHxo0DqYysCy7yZGJ80WhgOBR4QUd6LBDA6-_318a-jCGW96zxXKMm8clDTKpE8w75KG-FY',
  13: 'BJBDU1P1H21IwIdT2brKkPqbQR0Zl0TIHf7Bz_OO9jaNgIwydMkxt4GpBmkYoprZ_DHUGOrno2faB7pmTR7HhuI',
  14: 'BJFF8j-dH7pDEw_U347w2CBM6xYM8Dk5fPPAktjib-opOqzvvbsER-WDHM4ONCSBf9O_obAHzCyygxmtpktDuiE',
  15: 'BDKyWBvLbyZ-jMueORl3JwJnnEpCiZdN7yUvT0vOyjwpPBCDf6zfL4RWzvSkhAAFnwOni_1tQSl8dfXHbXqXsQ8',
  16: 'BDXyZZnrl0tc2jdC5I61JjwkjK2kr7uet9tZjt8StTiJTAQQmnVOYBgbtP08PWDbecxnHghx3kJ8QXq1XE68y8c',
  17: 'BFX68cb97m9_sweGdOVavFM3j5ot6gveg6xT4BtGahfGhKib-zdZyO9pwvv1cBda9ahkSzo1BQ4NVXp9qRyqVGU',
  18: 'BNhngQqTT1bPKxGuB6FhbPTAeNVFl8PKGGSGo5W06xWIReutm6ix6JPivqnbvkydY-1uDQTr-5e6t70G01Bb5JA',
};

/** The key id used when a config names none (the JS, Java and Ruby SDKs' default). */
export const DEFAULT_SERVER_PUBLIC_KEY_ID = 7;

/** The server key a request's transmission key is wrapped with, and the id sent in `PublicKeyId`. */
export interface ServerKey {
  readonly id: number;
  /** 65-byte uncompressed P-256 point. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
}

/** The config fields that choose the server key (a `DeviceConfig` fits). */
export interface ServerKeySource {
  readonly serverPublicKeyId?: number | undefined;
  readonly serverPublicKey?: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * Chooses the server key for a config: its custom `serverPublicKey` when present (with its id, default 7),
 * otherwise Keeper's built-in key for `serverPublicKeyId` (default 7). Throws `ERR_UNKNOWN_SERVER_KEY` for an
 * id without a built-in key and no custom key.
 *
 * @example
 * const { id, publicKey } = resolveServerKey({ serverPublicKeyId: 10 });
 * headers.PublicKeyId = String(id); // '10'
 */
export function resolveServerKey(config: ServerKeySource): ServerKey {
  const id = config.serverPublicKeyId ?? DEFAULT_SERVER_PUBLIC_KEY_ID;
  if (config.serverPublicKey !== undefined) return { id, publicKey: config.serverPublicKey };
  const builtIn = Object.hasOwn(KEEPER_SERVER_PUBLIC_KEYS, id) ? KEEPER_SERVER_PUBLIC_KEYS[id] : undefined;
  if (builtIn === undefined) {
    throw new KsmError(
      'ERR_UNKNOWN_SERVER_KEY',
      `Keeper has no built-in server public key with id ${id} (known ids: 7-18); configure serverPublicKey for a custom server`,
      { keyId: id },
    );
  }
  return { id, publicKey: base64Decode(builtIn) };
}
