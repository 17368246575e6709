// `ksm profile …`: init, list, active, export, import against keeper.ini.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  createKeeperIni,
  DEFAULT_INI_FILE,
  DEFAULT_PROFILE,
  defaultIniPath,
  findIniFile,
  getActiveProfile,
  getProfile,
  importProfile,
  initProfile,
  listProfiles,
  loadKeeperIni,
  parseProfileExport,
  profileConfig,
  profileInitToken,
  profileName,
  serializeIni,
  setActiveProfile,
  setProfileConfig,
  updateKeeperIni,
} from '@ksmkit/config';
import { serializeDeviceConfig } from '@ksmkit/core';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { formatTable } from '../shared/table.js';
import { globalArgs, report } from './context.js';

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
    const result = await initProfile({
      path,
      token,
      profile,
      hostname: args.hostname,
      serverPublicKey: args['server-public-key'],
      serverPublicKeyId: args['server-public-key-id'],
      caCertificate: args['ca-cert'] === undefined ? undefined : await readCaCert(args['ca-cert']),
    });
    const { profile: name, path: file, created } = result;
    report(
      args,
      created
        ? `Added profile ${name} to INI config file located at ${file}`
        : `Profile ${name} in ${file} already holds this token's device; nothing changed`,
      { profile: name, path: file, created },
    );
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
    const columns = [{ header: 'Active', center: true }, { header: 'Profile' }, { header: 'Storage' }];
    process.stdout.write(
      formatTable(
        columns,
        rows.map((row) => [row.active ? '*' : '', row.name, row.storage]),
      ),
    );
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
    report(args, `Active profile is now "${args.name}"`, { profile: args.name, active: true });
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

/** Everything on stdin, as UTF-8 text. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const importCommand = defineCommand({
  meta: { name: 'import', description: 'Import an exported profile (base64 or plain, JSON or INI) into keeper.ini' },
  args: {
    ...globalArgs,
    'output-file': {
      type: 'string',
      alias: 'f',
      description: 'keeper.ini to write (0600; default: keeper.ini in the current directory)',
    },
    'profile-name': { type: 'string', alias: 'p', description: 'Profile to create (default _default)' },
    force: { type: 'boolean', description: 'Replace an existing profile of that name (its device keys are lost)' },
    config: {
      type: 'positional',
      required: true,
      description: 'What `ksm profile export` printed, or - to read it from stdin (keeps it out of the process list)',
    },
  },
  async run({ args }) {
    const config = await parseProfileExport(args.config === '-' ? await readAllStdin() : args.config);
    const path = args['output-file'] ?? args['ini-file'] ?? join(process.cwd(), DEFAULT_INI_FILE);
    const name = args['profile-name'] ?? args.profile ?? DEFAULT_PROFILE;
    await importProfile({ path, profile: name, config, force: args.force === true });
    report(args, `Added profile ${name} to INI config file located at ${path}`, { profile: name, path });
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
  subCommands: {
    init,
    // The AWS SDK behind `setup` loads only when setup runs.
    setup: () => import('./profile-setup-command.js').then((m) => m.setupCommand),
    list,
    active,
    export: exportCommand,
    import: importCommand,
  },
});
