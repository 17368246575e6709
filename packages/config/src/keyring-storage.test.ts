import { deviceConfigToRecord, readDeviceConfig, serializeDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { type KeyringSession, secretTool, startBareBus, startKeyring } from '@ksmkit/test-support/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from './errors.js';
import { createKeyringStorage, keyringDelete, keyringGet, keyringSet, LKRU_AGENT } from './keyring-storage.js';
import { collectionPath, openSecretService } from './secret-service.js';
import { boundConfig } from './test-support/device-configs.js';

let session: KeyringSession;
beforeAll(async () => {
  session = await startKeyring();
}, 120_000);
afterAll(async () => {
  await session?.stop();
});

describe('keyring items (real gnome-keyring, private D-Bus session)', () => {
  it('stores items secret-tool finds under lkru attributes and label, and reads what secret-tool stored', async () => {
    const env = session.env;
    await keyringSet('from-ksmkit', 'value one', { env });
    expect(await secretTool(env, ['lookup', 'Agent', LKRU_AGENT, 'Application', 'lkru', 'Id', 'from-ksmkit'])).toBe(
      'value one',
    );
    const listing = await secretTool(env, ['search', '--all', 'Id', 'from-ksmkit'], undefined, true);
    expect(listing).toContain('label = from-ksmkit');
    expect(listing).toContain('attribute.Application = lkru');
    expect(listing).toContain(`attribute.Agent = ${LKRU_AGENT}`);
    expect(listing).toContain('attribute.Id = from-ksmkit');
    // What lkru would have stored (same label and attributes), written by secret-tool:
    await secretTool(
      env,
      ['store', '--label=from-lkru', 'Agent', LKRU_AGENT, 'Application', 'lkru', 'Id', 'from-lkru'],
      'value two',
    );
    expect(await keyringGet('from-lkru', { env })).toBe('value two');
  });

  it('overwrites in place, deletes, and reports a missing secret', async () => {
    const env = session.env;
    await keyringSet('item', 'a', { env });
    await keyringSet('item', 'b', { env });
    expect(await keyringGet('item', { env })).toBe('b');
    expect((await secretTool(env, ['search', '--all', 'Id', 'item'])).match(/^\[/gm)).toHaveLength(1);
    await keyringDelete('item', { env });
    const error = await keyringGet('item', { env }).catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_KEYRING_SECRET_NOT_FOUND')).toBe(true);
    await expect(keyringDelete('item', { env })).rejects.toMatchObject({ code: 'ERR_KEYRING_SECRET_NOT_FOUND' });
  });

  it('uses the default alias and named collections (login is the default here), and separates applications', async () => {
    const env = session.env;
    await keyringSet('named', 'in login', { env, collection: 'login' });
    expect(await keyringGet('named', { env })).toBe('in login');
    await keyringSet('named', 'other app', { env, application: 'myapp' });
    expect(await keyringGet('named', { env, collection: 'login' })).toBe('in login');
    expect(await keyringGet('named', { env, application: 'myapp' })).toBe('other app');
    await expect(keyringGet('named', { env, collection: 'no-such-keyring' })).rejects.toMatchObject({
      code: 'ERR_KEYRING_NOT_FOUND',
    });
  });

  it('keeps a device config in one item that lkru-style base64 writers and readers share', async () => {
    const env = session.env;
    const config = await boundConfig();
    const storage = createKeyringStorage({ env, name: 'ksm-config' });
    await writeDeviceConfig(storage, config);
    const stored = await secretTool(env, ['lookup', 'Application', 'lkru', 'Id', 'ksm-config']);
    expect(JSON.parse(stored)).toEqual(deviceConfigToRecord(config));
    expect(deviceConfigToRecord(await readDeviceConfig(createKeyringStorage({ env })))).toEqual(
      deviceConfigToRecord(config),
    );
    // `lkru set -b` stores base64 of the data:
    const other = await boundConfig('keepersecurity.com');
    await keyringSet('b64', serializeDeviceConfig(other, { format: 'base64' }), { env });
    expect((await readDeviceConfig(createKeyringStorage({ env, name: 'b64' }))).hostname).toBe('keepersecurity.com');
  });
});

describe('keyring failures', () => {
  it('no D-Bus session: DBUS_SESSION_BUS_ADDRESS unset', async () => {
    await expect(keyringGet('x', { env: {} })).rejects.toMatchObject({ code: 'ERR_DBUS_NO_SESSION' });
  });

  it('no D-Bus: nothing listens at the address', async () => {
    const env = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${session.env.HOME}/no-such-socket` };
    await expect(keyringGet('x', { env })).rejects.toMatchObject({ code: 'ERR_DBUS_UNAVAILABLE' });
  });

  it('no keyring: a session bus without a Secret Service', { timeout: 60_000 }, async () => {
    const bare = await startBareBus();
    try {
      await expect(keyringGet('x', { env: bare.env })).rejects.toMatchObject({ code: 'ERR_KEYRING_NOT_FOUND' });
    } finally {
      await bare.stop();
    }
  });
});

describe('keyring unlock and named collections', () => {
  it('a locked keyring needs unlocking: the prompt (no display here) is dismissed, the password unlocks', async () => {
    const env = session.env;
    await keyringSet('locked-item', 'v', { env });
    const service = await openSecretService(env);
    try {
      await service.lock(collectionPath({ alias: 'default' }));
    } finally {
      await service.close();
    }
    await expect(keyringGet('locked-item', { env })).rejects.toMatchObject({ code: 'ERR_KEYRING_LOCKED' });
    await expect(keyringGet('locked-item', { env, password: 'wrong' })).rejects.toMatchObject({
      code: 'ERR_KEYRING_LOCKED',
    });
    expect(await keyringGet('locked-item', { env, password: 'test-password' })).toBe('v');
    expect(await keyringGet('locked-item', { env })).toBe('v');
  });

  it('uses a second named collection, separate from the default one', async () => {
    const env = session.env;
    const service = await openSecretService(env);
    let path: string;
    try {
      path = await service.createCollection('ci', 'ci-password');
    } finally {
      await service.close();
    }
    expect(path).toBe(collectionPath({ name: 'ci' }));
    await keyringSet('shared-name', 'in ci', { env, collection: 'ci' });
    await keyringSet('shared-name', 'in default', { env });
    expect(await keyringGet('shared-name', { env, collection: 'ci' })).toBe('in ci');
    expect(await keyringGet('shared-name', { env })).toBe('in default');
  });
});
