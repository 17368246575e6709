// Protocol errors of the server: `VaultError`s whose code is a §4.3 wire code, and their plain-JSON rendering.
import { isVaultError, VaultError } from '../store/errors.js';

/** Wire error codes the server emits (spec §4.3 plus the decisions in DESIGN.md). */
export type WireErrorCode =
  | 'access_denied'
  | 'bad_request'
  | 'invalid_client'
  | 'invalid_revision'
  | 'not_found'
  | 'throttled'
  | 'payload_too_large'
  | 'busy';

/** Extra §4.3 fields. */
export interface WireErrorExtra {
  readonly resultCode?: string;
  readonly retryAfter?: number;
}

/**
 * A `VaultError` the server turns into a §4.3 error response (`details.status` is the HTTP status).
 *
 * @example
 * throw protocolError('access_denied', 403, 'Signature is invalid');
 */
export function protocolError(
  code: WireErrorCode,
  status: number,
  message: string,
  extra: WireErrorExtra = {},
): VaultError {
  return new VaultError(code, message, {
    status,
    wire: true,
    ...(extra.resultCode === undefined ? {} : { resultCode: extra.resultCode }),
    ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }),
  });
}

/** The §4.3 plain-JSON error body. */
export interface WireErrorBody {
  readonly error: string;
  readonly result_code?: string;
  readonly message: string;
  readonly retry_after?: number;
}

/**
 * Renders an error as the status and plain-JSON body of spec §4.3; anything but a protocol error becomes a
 * bland 500 (no details leave the server).
 *
 * @example
 * const { status, body } = toWireError(protocolError('bad_request', 400, 'Unknown endpoint'));
 */
export function toWireError(error: unknown): { status: number; body: WireErrorBody } {
  if (!isVaultError(error) || error.details.wire !== true) {
    return { status: 500, body: { error: 'internal', message: 'Internal server error' } };
  }
  const { status, resultCode, retryAfter } = error.details;
  return {
    status: typeof status === 'number' ? status : 400,
    body: {
      error: error.code,
      ...(typeof resultCode === 'string' ? { result_code: resultCode } : {}),
      message: error.message,
      ...(typeof retryAfter === 'number' ? { retry_after: retryAfter } : {}),
    },
  };
}
