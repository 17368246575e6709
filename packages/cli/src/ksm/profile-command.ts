// `ksm profile …`: init, list, active, export, import against keeper.ini.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import {
  checkProfileName,
  createKeeperIni,
  createMemoryStorage,
  defaultIniPath,
  findIniFile,
  getActiveProfile,
  getProfile,
  initProfile,
  listProfiles,
  loadKeeperIni,
  profileConfig,
  profileInitToken,
  profileName,
  serializeIni,
  setActiveProfile,
  setExternalProfile,
  setProfileConfig,
  setProfileRecord,
  updateKeeperIni,
  writeFileAtomic,
} from '@ksmkit/config';
import { awsProfileSettings, openAwsProfile } from '@ksmkit/config/aws';
import {
  type InitializeConfigOptions,
  initializeConfig,
  isKsmError,
  parseDeviceConfig,
  readDeviceConfig,
  serializeDeviceConfig,
} from '@ksmkit/core';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { globalArgs } from './context.js';

const environment = () => ({ env: process.env, cwd: process.cwd(), homedir: homedir() });

/** The keeper.ini to read: `--ini-file`, else the search path; throws a UserError when none exists. */
async function existingIni(iniFile: string | undefined): Promise<string> {
  const path = iniFile ?? (await findIniFile(environment()));
  if (path === undefined)
    throw new UserError('No keeper.ini found; run `ksm profile init` first', { exitCode: EXIT.CONFIG });
  return path;
}

/** Reads a PEM CA file; a UserError when it cannot be read. */
async function readCaCert(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UserError(`Cannot read --ca-cert ${file}; check the path`, { exitCode: EXIT.NOT_FOUND });
  }
}

/** `initProfile` with self-hosted options (server key, key id, CA), which `initProfile` does not take. */
async function initSelfHosted(
  path: string,
  profile: string,
  token: string,
  options: InitializeConfigOptions,
): Promise<{ path: string; profile: string; created: boolean }> {
  checkProfileName(profile);
  return updateKeeperIni(path, async (doc) => {
    const seed: Record<string, string> = {};
    if (doc.sections.has(profile)) {
      const entry = getProfile(doc, profile);
      if ('record' in entry) Object.assign(seed, entry.record);
      else
        throw new UserError(`Profile "${profile}" uses external storage; choose another name`, {
          exitCode: EXIT.CONFIG,
        });
    }
    const storage = createMemoryStorage(seed);
    const result = await initializeConfig(storage, token, options);
    setProfileRecord(doc, profile, storage.snapshot());
    if (getActiveProfile(doc) === undefined) setActiveProfile(doc, profile);
    return { path, profile, created: result.created };
  });
}

const init = defineCommand({
  meta: { name: 'init', description: 'Create a profile from a one-time token (or KSM_CLI_TOKEN)' },
  args: {
    ...globalArgs,
    token: { type: 'string', alias: 't', description: 'One-time token (prefer the KSM_CLI_TOKEN variable)' },
    hostname: { type: 'string', alias: 'h', description: 'US|EU|AU|JP|CA|US_GOV or host[:port]' },
    'server-public-key': { type: 'string', description: 'Self-hosted server public key (base64)' },
    'server-public-key-id': { type: 'string', description: 'Id of that key (digits)' },
    'ca-cert': { type: 'string', description: 'PEM file with the CA of a self-hosted server' },
    'profile-name': { type: 'string', alias: 'p', description: 'Profile to create (default _default)' },
  },
  async run({ args }) {
    const token = profileInitToken(args.token, process.env);
    const path = args['ini-file'] ?? defaultIniPath(environment());
    const profile = profileName(args['profile-name'] ?? args.profile, process.env);
    const selfHosted =
      args['server-public-key'] !== undefined ||
      args['server-public-key-id'] !== undefined ||
      args['ca-cert'] !== undefined;
    const result = selfHosted
      ? await initSelfHosted(path, profile, token, {
          hostname: args.hostname,
          serverPublicKey: args['server-public-key'],
          serverPublicKeyId: args['server-public-key-id'],
          caCertificate: args['ca-cert'] === undefined ? undefined : await readCaCert(args['ca-cert']),
        })
      : await initProfile({ path, token, profile, hostname: args.hostname });
    process.stdout.write(`Profile "${result.profile}" ${result.created ? 'created' : 'unchanged'} in ${result.path}\n`);
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List profiles; * marks the active one' },
  args: { ...globalArgs },
  async run({ args }) {
    const { document } = await loadKeeperIni(await existingIni(args['ini-file']));
    const active = getActiveProfile(document);
    const rows = listProfiles(document).map((name) => {
      const entry = getProfile(document, name);
      return { name, active: name === active, storage: 'record' in entry ? 'file' : entry.storage };
    });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    process.stdout.write('Active  Profile          Storage\n');
    for (const row of rows)
      process.stdout.write(`${row.active ? '*' : ' '}       ${row.name.padEnd(16)} ${row.storage}\n`);
  },
});

const active = defineCommand({
  meta: { name: 'active', description: 'Make NAME the active profile' },
  args: { ...globalArgs, name: { type: 'positional', required: true, description: 'Profile name' } },
  async run({ args }) {
    const path = await existingIni(args['ini-file']);
    await updateKeeperIni(path, (doc) => {
      getProfile(doc, args.name);
      setActiveProfile(doc, args.name);
    });
    process.stdout.write(`Active profile is now "${args.name}"\n`);
  },
});

const exportCommand = defineCommand({
  meta: { name: 'export', description: 'Print a profile config (base64 unless --plain); refused for external storage' },
  args: {
    ...globalArgs,
    plain: { type: 'boolean', description: 'Print the config text instead of base64' },
    'file-format': { type: 'string', description: 'ini or json (default json)' },
    name: { type: 'positional', required: false, description: 'Profile (default: the active one)' },
  },
  async run({ args }) {
    const { document } = await loadKeeperIni(await existingIni(args['ini-file']));
    const name = args.name ?? args.profile ?? getActiveProfile(document);
    if (name === undefined)
      throw new UserError('No active profile; name the profile to export', { exitCode: EXIT.CONFIG });
    const config = await profileConfig(document, name);
    const format = args['file-format'] ?? 'json';
    if (format !== 'json' && format !== 'ini')
      throw new UserError('--file-format must be ini or json', { exitCode: EXIT.USAGE });
    let text = serializeDeviceConfig(config, { format: 'json' });
    if (format === 'ini') {
      const single = createKeeperIni();
      setProfileConfig(single, name, config);
      text = serializeIni(single);
    }
    process.stdout.write(args.plain ? `${text.trimEnd()}\n` : `${Buffer.from(text).toString('base64')}\n`);
  },
});

const importCommand = defineCommand({
  meta: { name: 'import', description: 'Import a base64 config as a profile, or write it to --output-file' },
  args: {
    ...globalArgs,
    'output-file': { type: 'string', description: 'Write the config as JSON here (0600) instead of keeper.ini' },
    'profile-name': { type: 'string', alias: 'p', description: 'Profile to create (default _default)' },
    config: { type: 'positional', required: true, description: 'Base64 config' },
  },
  async run({ args }) {
    const config = await parseDeviceConfig(args.config);
    if (args['output-file'] !== undefined) {
      await writeFileAtomic(args['output-file'], serializeDeviceConfig(config, { format: 'json' }));
      process.stdout.write(`Config written to ${args['output-file']}\n`);
      return;
    }
    const name = args['profile-name'] ?? args.profile ?? '_default';
    const path = args['ini-file'] ?? (await findIniFile(environment())) ?? defaultIniPath(environment());
    await updateKeeperIni(path, (doc) => {
      setProfileConfig(doc, name, config);
      if (getActiveProfile(doc) === undefined) setActiveProfile(doc, name);
    });
    process.stdout.write(`Profile "${name}" imported into ${path}\n`);
  },
});

const CREDENTIALS = ['ec2instance', 'profile', 'keys', 'default'] as const;

const setup = defineCommand({
  meta: { name: 'setup', description: 'Create a profile whose config lives in AWS Secrets Manager (--type aws)' },
  args: {
    ...globalArgs,
    type: { type: 'string', required: true, description: 'Storage type: aws' },
    secret: { type: 'string', description: 'Secret name or ARN (default ksm-config)' },
    credentials: {
      type: 'string',
      description: 'ec2instance (default), profile, keys (from AWS_ACCESS_KEY_ID/…), default',
    },
    'aws-profile': { type: 'string', description: 'AWS profile for --credentials profile' },
    region: { type: 'string', description: 'AWS region' },
    endpoint: { type: 'string', description: 'Custom Secrets Manager endpoint' },
    fallback: { type: 'boolean', description: 'Retry with the default AWS credential chain when these fail' },
    'profile-name': { type: 'string', alias: 'p', description: 'Profile to create (default _default)' },
  },
  async run({ args }) {
    if (args.type !== 'aws') throw new UserError('Only --type aws is supported', { exitCode: EXIT.USAGE });
    const credentials = (args.credentials ?? 'ec2instance') as (typeof CREDENTIALS)[number];
    if (!CREDENTIALS.includes(credentials)) {
      throw new UserError(`--credentials must be one of ${CREDENTIALS.join(', ')}`, { exitCode: EXIT.USAGE });
    }
    const keys =
      credentials === 'keys'
        ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }
        : {};
    if (credentials === 'keys' && (keys.accessKeyId === undefined || keys.secretAccessKey === undefined)) {
      throw new UserError('--credentials keys reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; set both', {
        exitCode: EXIT.USAGE,
      });
    }
    const settings = awsProfileSettings({
      credentials,
      secret: args.secret,
      profile: args['aws-profile'],
      region: args.region,
      endpoint: args.endpoint,
      fallbackToDefaultCredentials: args.fallback === true,
      ...keys,
    });
    const profile = profileName(args['profile-name'] ?? args.profile, process.env);
    checkProfileName(profile);
    try {
      await readDeviceConfig(openAwsProfile('aws', settings, profile));
    } catch (error) {
      if (!isKsmError(error)) throw error;
      throw new UserError(
        `AWS secret ${settings.secret} holds no device config; store one there (ksm profile export --plain) first`,
        { exitCode: EXIT.AWS },
      );
    }
    const path = args['ini-file'] ?? (await findIniFile(environment())) ?? defaultIniPath(environment());
    await updateKeeperIni(path, (doc) => {
      setExternalProfile(doc, profile, 'aws', settings);
      if (getActiveProfile(doc) === undefined) setActiveProfile(doc, profile);
    });
    process.stdout.write(`Profile "${profile}" reads its config from AWS secret ${settings.secret} (${path})\n`);
  },
});

/**
 * The `ksm profile` command group.
 *
 * @example
 * subCommands: { profile: profileCommand }
 */
export const profileCommand = defineCommand({
  meta: { name: 'profile', description: 'Manage device profiles in keeper.ini' },
  subCommands: { init, setup, list, active, export: exportCommand, import: importCommand },
});
