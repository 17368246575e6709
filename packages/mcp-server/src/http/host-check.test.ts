// Host/Origin policy and the per-client rate limiter.
import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, hostPolicy } from './host-check.js';
import { createRateLimiter } from './rate-limiter.js';

describe('checkHostAndOrigin', () => {
  const policy = hostPolicy(8787, ['mcp.internal:443'], ['https://app.internal']);
  const check = (headers: Record<string, string>) => checkHostAndOrigin(new Headers(headers), policy);

  it('accepts loopback hosts and configured ones, refuses others', () => {
    expect(check({ host: 'localhost:8787' })).toBeNull();
    expect(check({ host: 'mcp.internal:443' })).toBeNull();
    expect(check({ host: 'evil.example:8787' })).toMatch(/Host/);
    expect(check({})).toMatch(/Host/);
  });

  it('accepts no Origin or an allowed one', () => {
    expect(check({ host: '127.0.0.1:8787', origin: 'https://app.internal' })).toBeNull();
    expect(check({ host: '127.0.0.1:8787', origin: 'http://evil.example' })).toMatch(/Origin/);
  });
});

describe('createRateLimiter', () => {
  it('allows a burst, then asks to wait, then refills', () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
    now += 30_000;
    expect(limiter.take('a')).toBe(0);
  });
});
