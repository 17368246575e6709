// `ksm profile setup --type aws`: a profile whose device config lives in AWS Secrets Manager, with Keeper's flags.
import { homedir } from 'node:os';
import {
  checkProfileName,
  defaultIniPath,
  findIniFile,
  getActiveProfile,
  isConfigError,
  profileName,
  setActiveProfile,
  setExternalProfile,
  updateKeeperIni,
} from '@ksmkit/config';
import { awsProfileSettings, openAwsProfile } from '@ksmkit/config/aws';
import { isKsmError, readDeviceConfig } from '@ksmkit/core';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { globalArgs, report } from './context.js';

const CREDENTIALS = ['ec2instance', 'profile', 'keys', 'default'] as const;
type Credentials = (typeof CREDENTIALS)[number];

interface SetupFlags {
  readonly credentials: Credentials;
  readonly credentialsProfile?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  readonly region?: string | undefined;
}

function usage(message: string): UserError {
  return new UserError(message, { exitCode: EXIT.USAGE });
}

/** Keeper's rules: ec2instance takes no other credential option, profile only a profile name, keys both keys. */
function checkCredentialFlags(flags: SetupFlags): void {
  const keys = flags.accessKeyId !== undefined || flags.secretAccessKey !== undefined;
  if (flags.credentials === 'ec2instance' && (keys || flags.credentialsProfile !== undefined || flags.region)) {
    throw usage('--credentials ec2instance takes no --credentials-profile, keys or --region; drop them');
  }
  if (flags.credentials === 'profile' && keys) {
    throw usage('--credentials profile takes only --credentials-profile NAME (and --region); drop the keys');
  }
  if (flags.credentials === 'keys') {
    if (flags.credentialsProfile !== undefined)
      throw usage('--credentials-profile needs --credentials profile, not keys');
    if (flags.accessKeyId === undefined || flags.secretAccessKey === undefined || !flags.region) {
      throw usage(
        '--credentials keys needs --aws-access-key-id, --aws-secret-access-key and --region ' +
          '(or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION)',
      );
    }
  }
}

/** Checks the secret now; a secret that does not exist yet (or holds no config yet) is only a warning. */
async function checkSecret(settings: Readonly<Record<string, string>>, profile: string): Promise<void> {
  try {
    await readDeviceConfig(openAwsProfile('aws', settings, profile));
  } catch (error) {
    const later = isConfigError(error, 'ERR_AWS_SECRET_NOT_FOUND') || isKsmError(error);
    if (!later) throw error;
    process.stderr.write(
      `ksm: warning: AWS secret ${settings.secret} holds no device config yet; store one there ` +
        `(ksm profile export --plain --file-format json) before using profile "${profile}"\n`,
    );
  }
}

/**
 * `ksm profile setup`: writes a `storage = aws` profile (Keeper's keys) to keeper.ini.
 *
 * @example
 * subCommands: { setup: setupCommand }
 */
export const setupCommand = defineCommand({
  meta: { name: 'setup', description: 'Create a profile whose config lives in AWS Secrets Manager (--type aws)' },
  args: {
    ...globalArgs,
    type: { type: 'string', required: true, description: 'Storage type: aws' },
    secret: { type: 'string', description: 'Secret name or ARN (default ksm-config)' },
    credentials: { type: 'string', description: 'ec2instance (default), profile, keys, default' },
    'credentials-profile': {
      type: 'string',
      alias: ['aws-profile'],
      description: 'AWS profile for --credentials profile',
    },
    'aws-access-key-id': { type: 'string', description: 'Access key id for --credentials keys (or AWS_ACCESS_KEY_ID)' },
    'aws-secret-access-key': {
      type: 'string',
      description: 'Secret access key for --credentials keys (prefer AWS_SECRET_ACCESS_KEY)',
    },
    region: { type: 'string', description: 'AWS region (or AWS_REGION)' },
    endpoint: { type: 'string', description: 'Custom Secrets Manager endpoint' },
    fallback: { type: 'boolean', description: 'Retry with the default AWS credential chain when these fail' },
    'profile-name': { type: 'string', alias: 'p', description: 'Profile to create (default _default)' },
  },
  async run({ args }) {
    if (args.type !== 'aws') throw usage('Only --type aws is supported');
    const credentials = (args.credentials ?? 'ec2instance') as Credentials;
    if (!CREDENTIALS.includes(credentials)) throw usage(`--credentials must be one of ${CREDENTIALS.join(', ')}`);
    const keys = credentials === 'keys';
    const flags: SetupFlags = {
      credentials,
      credentialsProfile: args['credentials-profile'],
      accessKeyId: args['aws-access-key-id'] ?? (keys ? process.env.AWS_ACCESS_KEY_ID : undefined),
      secretAccessKey: args['aws-secret-access-key'] ?? (keys ? process.env.AWS_SECRET_ACCESS_KEY : undefined),
      region: args.region ?? (keys ? process.env.AWS_REGION : undefined),
    };
    checkCredentialFlags(flags);
    const settings = awsProfileSettings({
      credentials,
      secret: args.secret,
      profile: flags.credentialsProfile,
      region: flags.region,
      endpoint: args.endpoint,
      fallbackToDefaultCredentials: args.fallback === true,
      accessKeyId: flags.accessKeyId,
      secretAccessKey: flags.secretAccessKey,
    });
    const profile = profileName(args['profile-name'] ?? args.profile, process.env);
    checkProfileName(profile);
    await checkSecret(settings, profile);
    const context = { env: process.env, cwd: process.cwd(), homedir: homedir() };
    const path = args['ini-file'] ?? (await findIniFile(context)) ?? defaultIniPath(context);
    await updateKeeperIni(path, (doc) => {
      setExternalProfile(doc, profile, 'aws', settings);
      if (getActiveProfile(doc) === undefined) setActiveProfile(doc, profile);
    });
    report(
      args,
      `Added profile ${profile} to INI config file located at ${path} (config in AWS secret ${settings.secret})`,
      {
        profile,
        path,
        storage: 'aws',
        secret: settings.secret,
      },
    );
  },
});
