import { describe, expect, it } from 'vitest';
import { base64Decode } from '../encoding/base64.js';
import { bytesToHex } from '../encoding/bytes.js';
import { computeClientId } from './client-id.js';

describe('computeClientId', () => {
  it('hashes the recorded token into the recorded clientId (spec §3.8.1)', async () => {
    const clientKey = base64Decode('YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c');
    expect(bytesToHex(clientKey)).toBe('6322212b9c171478f7eb018100e981b31237bf9ac8aee20dac2f0a5e3c8ce7c7');
    expect(await computeClientId(clientKey)).toBe(
      '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==',
    );
  });

  it('produces 88 characters of std base64 that differ per token', async () => {
    const a = await computeClientId(new Uint8Array(32).fill(1));
    const b = await computeClientId(new Uint8Array(32).fill(2));
    expect(a).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
  });
});
