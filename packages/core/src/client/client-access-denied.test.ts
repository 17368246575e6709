// The client against a fake server that denies access: each agreed result_code becomes its own KsmError code.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/random.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { fakeServer } from './fake-ksm-server.test-support.js';
import { createClient } from './index.js';

/** The wire contract shared with the local vault: 403 `access_denied`, a result_code, a message. */
const DENIALS = [
  ['invalid_client', 'Unable to validate application access', 'ERR_ACCESS_DENIED', 'new one-time token'],
  ['signature_invalid', 'Signature is invalid', 'ERR_SIGNATURE_INVALID', 'privateKey'],
  ['device_removed', 'This device was removed from the application', 'ERR_DEVICE_REMOVED', 'new one-time token'],
  ['device_expired', "This device's access expired", 'ERR_DEVICE_EXPIRED', 'new one-time token'],
  ['device_ip_locked', 'This device is locked to another IP address', 'ERR_IP_LOCKED', '--unlock-ip'],
  ['token_expired', 'The one-time token expired', 'ERR_TOKEN_EXPIRED', 'ask the owner for a new one'],
  ['token_used', 'The one-time token was already used', 'ERR_TOKEN_USED', 'ask the owner for a new one'],
] as const;

describe('access denied results', () => {
  it.each(DENIALS)('%s → %s with advice', async (resultCode, message, code, advice) => {
    const { storage, fetch } = await fakeServer({ deny: { error: 'access_denied', result_code: resultCode, message } });
    const error = await rejection(createClient({ storage, fetch }).getSecrets(), code);
    expect(error.message).toContain(advice);
    expect(error.details).toMatchObject({ status: 403, serverCode: resultCode, serverMessage: message });
  });

  it('keeps an unknown access_denied result as ERR_ACCESS_DENIED with the server message', async () => {
    const deny = { error: 'access_denied', result_code: 'new_kind', message: 'Ask the administrator' };
    const { storage, fetch } = await fakeServer({ deny });
    const error = await rejection(createClient({ storage, fetch }).getSecrets(), 'ERR_ACCESS_DENIED');
    expect(error.message).toContain('Ask the administrator');
  });
});

describe('a config with the wrong app key', () => {
  it('fails with ERR_APP_KEY_INVALID instead of returning no records', async () => {
    const { storage, fetch } = await fakeServer({ appKey: randomBytes(32) });
    const error = await rejection(createClient({ storage, fetch }).getSecrets(), 'ERR_APP_KEY_INVALID');
    expect(error.message).toMatch(/app key/i);
  });

  it('still opens the records with the right app key', async () => {
    const { storage, fetch } = await fakeServer();
    expect((await createClient({ storage, fetch }).getSecrets()).records).toHaveLength(1);
  });
});
