import { execFileSync } from 'node:child_process';
import { deviceConfigToRecord, isKsmError } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import { isConfigError } from './errors.js';
import { parseIni, serializeIni } from './ini-text.js';
import {
  createKeeperIni,
  getActiveProfile,
  getProfile,
  listProfiles,
  profileConfig,
  removeProfile,
  setActiveProfile,
  setExternalProfile,
  setProfileConfig,
} from './keeper-ini.js';
import { boundConfig, unboundConfig } from './test-support/device-configs.js';

/** Writes a keeper.ini with Python's configparser, with the sections and keys Keeper's KSM CLI saves. */
function pythonKeeperIni(profiles: Record<string, Record<string, string | null>>, active: string): string {
  const script = [
    'import configparser, json, sys',
    'data = json.loads(sys.stdin.read())',
    'c = configparser.ConfigParser(allow_no_value=True)',
    "c['_config'] = {'active_profile': data['active'], 'color': 'True', 'cache': 'False', 'record_type_dir': None,",
    "  'editor': None, 'editor_use_blocking': 'False', 'editor_process_name': None}",
    "for name, p in data['profiles'].items(): c[name] = p",
    'c.write(sys.stdout)',
  ].join('\n');
  return execFileSync('python3', ['-c', script], { input: JSON.stringify({ profiles, active }), encoding: 'utf8' });
}

/** Reads a keeper.ini with Python's configparser the way the KSM CLI loads it. */
function pythonLoad(text: string): { active: string | null; profiles: Record<string, Record<string, string | null>> } {
  const script = [
    'import configparser, json, sys',
    'c = configparser.ConfigParser(allow_no_value=True)',
    'c.read_string(sys.stdin.read())',
    "keys = ['clientid', 'privatekey', 'appkey', 'hostname', 'appownerpublickey', 'serverpublickeyid']",
    "out = {'active': c['_config'].get('active_profile'), 'profiles': {}}",
    'for s in c.sections():',
    "  if s != '_config': out['profiles'][s] = {k: c[s].get(k) for k in keys}",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

describe('keeper.ini profiles', () => {
  it('reads a keeper.ini written the way the KSM CLI writes it', async () => {
    const config = await boundConfig();
    const r = deviceConfigToRecord(config);
    const text = pythonKeeperIni(
      {
        _default: {
          clientid: r.clientId!,
          privatekey: r.privateKey!,
          appkey: r.appKey!,
          hostname: r.hostname!,
          appownerpublickey: null,
          serverpublickeyid: r.serverPublicKeyId!,
        },
        other: {
          clientid: 'x',
          privatekey: null,
          appkey: null,
          hostname: 'keepersecurity.com',
          appownerpublickey: null,
          serverpublickeyid: null,
        },
      },
      '_default',
    );
    const doc = parseIni(text);
    expect(listProfiles(doc)).toEqual(['_default', 'other']);
    expect(getActiveProfile(doc)).toBe('_default');
    expect(deviceConfigToRecord(await profileConfig(doc, '_default'))).toEqual(r);
    // Byte-identical output: ksmkit writes back exactly what it read.
    expect(serializeIni(doc)).toBe(text);
  });

  it('writes profiles the KSM CLI loads (lower-case keys, [_config] first, active marker)', async () => {
    const a = await boundConfig();
    const b = await unboundConfig('keepersecurity.com');
    const doc = createKeeperIni();
    setProfileConfig(doc, 'prod', a);
    setProfileConfig(doc, 'dev', b);
    const text = serializeIni(doc);
    expect(text.startsWith('[_config]\nactive_profile = prod\ncolor = True\ncache = False\nrecord_type_dir\n')).toBe(
      true,
    );
    const loaded = pythonLoad(text);
    const ra = deviceConfigToRecord(a);
    expect(loaded.active).toBe('prod');
    expect(loaded.profiles.prod).toEqual({
      clientid: ra.clientId,
      privatekey: ra.privateKey,
      appkey: ra.appKey,
      hostname: ra.hostname,
      appownerpublickey: null,
      serverpublickeyid: '10',
    });
    // The not yet bound profile keeps its clientKey (ksmkit extra key) so it can bind on first use.
    expect(getProfile(parseIni(text), 'dev')).toMatchObject({
      storage: 'internal',
      record: { clientKey: deviceConfigToRecord(b).clientKey },
    });
    expect(deviceConfigToRecord(await profileConfig(parseIni(text), 'dev'))).toEqual(deviceConfigToRecord(b));
  });

  it('switches and clears the active profile', async () => {
    const doc = createKeeperIni();
    setProfileConfig(doc, 'a', await boundConfig());
    setProfileConfig(doc, 'b', await boundConfig());
    expect(getActiveProfile(doc)).toBe('a');
    setActiveProfile(doc, 'b');
    expect(getActiveProfile(doc)).toBe('b');
    removeProfile(doc, 'b');
    expect(getActiveProfile(doc)).toBeUndefined();
    expect(() => setActiveProfile(doc, 'zz')).toThrow(expect.objectContaining({ code: 'ERR_PROFILE_NOT_FOUND' }));
  });

  it('refuses reserved profile names', async () => {
    const doc = createKeeperIni();
    const config = await boundConfig();
    for (const name of ['_config', 'DEFAULT', '', 'a]b']) {
      expect(() => setProfileConfig(doc, name, config)).toThrow(
        expect.objectContaining({ code: 'ERR_PROFILE_RESERVED' }),
      );
    }
  });

  it('keeps external (aws) profiles as settings and refuses to read them as configs', async () => {
    const doc = createKeeperIni();
    setExternalProfile(doc, 'cloud', 'aws', { provider: 'ec2instance', secret: 'ksm-config' });
    expect(serializeIni(doc)).toContain('[cloud]\nstorage = aws\nprovider = ec2instance\nsecret = ksm-config\n');
    expect(getProfile(doc, 'cloud')).toEqual({
      storage: 'aws',
      settings: { provider: 'ec2instance', secret: 'ksm-config' },
    });
    await expect(profileConfig(doc, 'cloud')).rejects.toMatchObject({ code: 'ERR_PROFILE_EXTERNAL' });
  });

  it('reports an invalid stored profile with core errors that never echo values', async () => {
    const doc = parseIni(
      '[_config]\nactive_profile = p\n[p]\nclientid = notbase64!!SECRET\nprivatekey = x\nhostname = keepersecurity.com\nappkey = y\n',
    );
    const error = await profileConfig(doc, 'p').catch((e: unknown) => e);
    expect(isKsmError(error, 'ERR_INVALID_CONFIG')).toBe(true);
    expect((error as Error).message).not.toContain('SECRET');
    expect(isConfigError(await profileConfig(doc, 'nope').catch((e: unknown) => e), 'ERR_PROFILE_NOT_FOUND')).toBe(
      true,
    );
  });
});
