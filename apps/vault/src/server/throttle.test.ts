// Unit tests of the per-client, per-endpoint throttle window.
import { describe, expect, it } from 'vitest';
import { isVaultError } from '../store/errors.js';
import { createThrottle } from './throttle.js';

function throttledAt(check: () => void): Record<string, unknown> | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!isVaultError(error)) throw error;
    return { code: error.code, ...error.details };
  }
}

describe('createThrottle', () => {
  it('allows N requests per window, then answers throttled with retry_after', () => {
    const throttle = createThrottle({ requests: 2, windowSeconds: 10 });
    expect(throttledAt(() => throttle.check('a', 'get_secret', 0))).toBeNull();
    expect(throttledAt(() => throttle.check('a', 'get_secret', 1))).toBeNull();
    expect(throttledAt(() => throttle.check('a', 'get_secret', 2))).toMatchObject({
      code: 'throttled',
      status: 403,
      retryAfter: 14,
    });
    expect(throttledAt(() => throttle.check('a', 'get_folders', 3))).toBeNull();
    expect(throttledAt(() => throttle.check('b', 'get_secret', 3))).toBeNull();
  });

  it('restarts the window TTL on every request and forgets it once it lapsed', () => {
    const throttle = createThrottle({ requests: 1, windowSeconds: 1 });
    throttle.check('a', 'x', 0);
    expect(throttledAt(() => throttle.check('a', 'x', 900))).not.toBeNull();
    expect(throttledAt(() => throttle.check('a', 'x', 1800))).not.toBeNull();
    expect(throttledAt(() => throttle.check('a', 'x', 2801))).toBeNull();
  });
});
