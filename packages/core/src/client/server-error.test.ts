// §4.3 error bodies → typed KsmErrors (codes, details), including the local vault's messages.
import { describe, expect, it } from 'vitest';
import { isThrottled, parseServerError, serverError } from './server-error.js';

const map = (status: number, body: unknown) =>
  serverError('get_secret', status, parseServerError(typeof body === 'string' ? body : JSON.stringify(body)));

describe('parseServerError', () => {
  it('reads result_code before error, key_id and retry_after (numbers or numeric strings)', () => {
    const parsed = parseServerError(
      '{"error":"client_version","result_code":"invalid_client_version","retry_after":"-4"}',
    );
    expect(parsed).toMatchObject({ code: 'invalid_client_version', error: 'client_version', retryAfter: 0 });
    expect(parseServerError('{"error":"key","key_id":"12"}').keyId).toBe(12);
    expect(parseServerError('<html>bad gateway</html>')).toMatchObject({ code: null, message: null, keyId: null });
  });

  it('recognises throttling only on 403', () => {
    expect(isThrottled(403, parseServerError('{"error":"throttled"}'))).toBe(true);
    expect(isThrottled(502, parseServerError('{"error":"throttled"}'))).toBe(false);
    expect(isThrottled(403, parseServerError('{"error":"access_denied"}'))).toBe(false);
  });
});

describe('serverError', () => {
  it.each([
    [403, { error: 'access_denied', message: 'Signature is invalid' }, 'ERR_ACCESS_DENIED'],
    [403, { error: 'access_denied', message: 'Unable to validate application access' }, 'ERR_ACCESS_DENIED'],
    [403, { error: 'access_denied', message: 'This device is locked to another IP address' }, 'ERR_IP_LOCKED'],
    [403, { error: 'access_denied', message: 'Access for this device has expired' }, 'ERR_DEVICE_EXPIRED'],
    [403, { error: 'invalid_client', message: 'The one-time access token has expired' }, 'ERR_TOKEN_REJECTED'],
    [401, { error: 'invalid_token' }, 'ERR_TOKEN_REJECTED'],
    [403, { error: 'throttled' }, 'ERR_THROTTLED'],
    [404, { error: 'not_found' }, 'ERR_NOT_FOUND'],
    [400, { result_code: 'record_uid_not_found', error: 'bad_request' }, 'ERR_NOT_FOUND'],
    [409, { error: 'invalid_revision' }, 'ERR_REVISION_CONFLICT'],
    [500, { error: 'internal' }, 'ERR_SERVER'],
    [502, 'not json', 'ERR_SERVER'],
  ] as const)('HTTP %i %j → %s', (status, body, code) => {
    const error = map(status, body);
    expect(error.code).toBe(code);
    expect(error.details.status).toBe(status);
    expect(error.details.endpoint).toBe('get_secret');
  });

  it('carries the server code and message in details', () => {
    const error = map(403, { result_code: 'invalid_client_version', message: 'Please update' });
    expect(error.details).toMatchObject({ serverCode: 'invalid_client_version', serverMessage: 'Please update' });
  });
});
