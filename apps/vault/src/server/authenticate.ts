// Spec §4.2 steps 1–7: unwrap the transmission key, decrypt, find the device, verify the signature, check locks.
import {
  base64Decode,
  base64Encode,
  KsmError,
  openRequest,
  timingSafeEqual,
  verifyRequestSignature,
} from '@ksmkit/core';
import type { ServerContext } from './context.js';
import { denied } from './denials.js';
import { type Device, findDevice, recordDeviceUse, wasRemoved } from './device.js';
import { protocolError } from './errors.js';
import { asPayload, type Payload } from './payload.js';

/** The raw parts of one API request. */
export interface RawRequest {
  readonly endpoint: string;
  /** Header lookup, case-insensitive. */
  readonly header: (name: string) => string | undefined;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The peer address (IPv4-mapped IPv6 already reduced). */
  readonly ip: string;
}

/** An authenticated request. */
export interface Authenticated {
  readonly device: Device;
  readonly payload: Payload;
  readonly responseKey: CryptoKey;
  /** The raw 32-byte transmission key (the same key as `responseKey`), for `sealResponse`. */
  readonly transmissionKey: Uint8Array<ArrayBuffer>;
  /** Present only on the response that binds the device (std base64 fields). */
  readonly binding: { readonly encryptedAppKey: string; readonly appOwnerPublicKey: string } | null;
  readonly accessExpiresAt: number | null;
}

/**
 * Authenticates a request and records the device's use (binding, IP lock, last seen). Nothing is written
 * unless the signature verified and every check passed; throttling runs before any write.
 *
 * @example
 * const auth = await authenticate(ctx, { endpoint: 'get_secret', header, body, ip });
 */
export async function authenticate(ctx: ServerContext, request: RawRequest): Promise<Authenticated> {
  const transmissionKeyHeader = request.header('transmissionkey');
  if (transmissionKeyHeader === undefined || transmissionKeyHeader === '') {
    throw protocolError('access_denied', 403, 'The TransmissionKey header is missing');
  }
  let opened: Awaited<ReturnType<typeof openRequest>>;
  try {
    opened = await openRequest({
      transmissionKeyHeader: transmissionKeyHeader.trim(),
      body: request.body,
      serverPrivateKey: ctx.serverPrivateKey,
    });
  } catch (error) {
    // Decrypted with the server key but not a JSON text (or not UTF-8): a garbled request, not a denied one.
    if (error instanceof KsmError && error.code === 'ERR_INVALID_INPUT') {
      throw protocolError('bad_request', 400, 'The decrypted request payload is not JSON text');
    }
    throw protocolError('access_denied', 403, 'Unable to decrypt the request');
  }
  const payload = asPayload(opened.payload);
  const clientId = payload.clientId;
  if (typeof clientId !== 'string' || clientId === '') throw denied('invalid_client');
  const device = findDevice(ctx.db, clientId);
  if (device === undefined) throw denied(wasRemoved(ctx.db, clientId) ? 'device_removed' : 'invalid_client');

  const offeredKey = decodePublicKey(payload.publicKey);
  const now = ctx.now();
  let bindingKey: Uint8Array<ArrayBuffer> | undefined;
  let verifyKey: Uint8Array<ArrayBuffer>;
  if (device.publicKey === null) {
    if (request.endpoint !== 'get_secret' || offeredKey === undefined) {
      throw protocolError('access_denied', 403, 'The device is not bound yet; bind it with get_secret first');
    }
    verifyKey = offeredKey;
    bindingKey = offeredKey;
  } else {
    verifyKey = device.publicKey;
  }

  const signed = await verifyRequestSignature({
    encryptedTransmissionKey: opened.encryptedTransmissionKey,
    body: request.body,
    authorizationHeader: request.header('authorization'),
    publicKey: verifyKey,
  }).catch(() => false);
  if (!signed) {
    // A bound device's token presented again with a new key (another machine, or a re-run init): say so.
    const rebindAttempt =
      bindingKey === undefined &&
      offeredKey !== undefined &&
      request.endpoint === 'get_secret' &&
      (await verifyRequestSignature({
        encryptedTransmissionKey: opened.encryptedTransmissionKey,
        body: request.body,
        authorizationHeader: request.header('authorization'),
        publicKey: offeredKey,
      }).catch(() => false));
    throw denied(rebindAttempt ? 'token_used' : 'signature_invalid');
  }
  // Every request carries a fresh transmission key: one seen before is a captured request sent again.
  if (!ctx.replay.claim(opened.transmissionKey, now)) {
    throw protocolError('access_denied', 403, 'This request was already received once; replays are refused', {
      resultCode: 'replayed_request',
    });
  }

  if (bindingKey !== undefined && device.tokenExpiresAt <= now) throw denied('token_expired');
  if (device.accessExpiresAt !== null && device.accessExpiresAt <= now) throw denied('device_expired');
  if (!device.unlockIp && device.lockedIp !== null && device.lockedIp !== request.ip) {
    throw denied('device_ip_locked');
  }

  ctx.throttle.check(device.clientId, request.endpoint, now);

  const accessExpiresAt = recordDeviceUse(ctx.db, device, {
    ip: request.ip,
    now,
    ...(bindingKey === undefined ? {} : { publicKey: bindingKey }),
  });
  // A repeated bind with the same key (first response lost) gets the wrapped app key again.
  const rebind =
    bindingKey === undefined &&
    offeredKey !== undefined &&
    device.publicKey !== null &&
    request.endpoint === 'get_secret' &&
    timingSafeEqual(offeredKey, device.publicKey);
  const binding =
    (bindingKey !== undefined || rebind) && device.encryptedAppKey !== null
      ? { encryptedAppKey: base64Encode(device.encryptedAppKey), appOwnerPublicKey: base64Encode(ctx.ownerPublicKey) }
      : null;
  return {
    device,
    payload,
    responseKey: opened.responseKey,
    transmissionKey: opened.transmissionKey,
    binding,
    accessExpiresAt,
  };
}

function decodePublicKey(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const bytes = base64Decode(value.trim());
    return bytes.length === 65 && bytes[0] === 4 ? bytes : undefined;
  } catch {
    return undefined;
  }
}
