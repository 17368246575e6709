// KSM-style throttle (spec §4.5): N requests per client and endpoint in a window whose TTL restarts on every request.
import { protocolError } from './errors.js';

/** Throttle limits. */
export interface ThrottleLimits {
  /** Requests allowed per window (default 100). */
  readonly requests: number;
  /** Window length in seconds (default 10). */
  readonly windowSeconds: number;
}

/** A stateful throttle (one per server). */
export interface Throttle {
  /** Counts a request; throws 403 `throttled` with `retry_after` when over the limit. */
  check(clientId: string, endpoint: string, now: number): void;
}

interface Window {
  count: number;
  expiresAt: number;
}

/**
 * Creates a throttle. Each (clientId, endpoint) has a counter; a request arriving after the window expired
 * starts a new one; every request (throttled ones too) pushes the expiry to now + window.
 *
 * @example
 * const throttle = createThrottle({ requests: 100, windowSeconds: 10 });
 * throttle.check(clientId, 'get_secret', Date.now());
 */
export function createThrottle(limits: ThrottleLimits = { requests: 100, windowSeconds: 10 }): Throttle {
  const windowMs = limits.windowSeconds * 1000;
  const windows = new Map<string, Window>();
  let lastSweep = 0;
  return {
    check(clientId, endpoint, now) {
      if (now - lastSweep > windowMs) {
        for (const [key, window] of windows) if (window.expiresAt <= now) windows.delete(key);
        lastSweep = now;
      }
      const key = `${endpoint}\n${clientId}`;
      let window = windows.get(key);
      if (window === undefined || window.expiresAt <= now) {
        window = { count: 0, expiresAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      window.expiresAt = now + windowMs;
      if (window.count > limits.requests) {
        // The SDKs wait retry_after with ±25 % jitter; 4/3 of the window guarantees the window lapsed even at -25 %.
        throw protocolError('throttled', 403, 'Too many requests; retry later', {
          retryAfter: Math.max(1, Math.ceil((limits.windowSeconds * 4) / 3)),
        });
      }
    },
  };
}
