// `ksmkit-mcp config CLIENT --profile NAME`: prints the MCP client's config snippet on stdout, where it goes on stderr.
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { CLIENT_CONFIG_PLACE, CLIENT_KINDS, type ClientKind, clientSnippet } from './client-config.js';

/** The config command. */
export const configCommand = defineCommand({
  meta: { name: 'config', description: `Print the config snippet for ${CLIENT_KINDS.join(', ')}` },
  args: {
    client: { type: 'positional', description: CLIENT_KINDS.join(' | '), required: true },
    profile: { type: 'string', description: 'keeper.ini profile the server uses (ksm profile init -p NAME)' },
    'read-only': { type: 'boolean', description: 'Start the server in read-only mode' },
    url: { type: 'string', description: 'Connect over Streamable HTTP to this URL instead of stdio' },
  },
  run({ args }) {
    if (!(CLIENT_KINDS as readonly string[]).includes(args.client)) {
      throw new UserError(`Unknown client. Use one of: ${CLIENT_KINDS.join(', ')}`, { exitCode: 2, code: 'ERR_USAGE' });
    }
    if (args.profile !== undefined && !/^[\w.-]{1,64}$/.test(args.profile)) {
      throw new UserError('--profile must be a profile name (letters, digits, . _ -)', {
        exitCode: 2,
        code: 'ERR_USAGE',
      });
    }
    const kind = args.client as ClientKind;
    if (kind === 'claude' && args.url !== undefined) {
      throw new UserError('Claude Desktop starts local servers from its config file: omit --url (stdio).', {
        exitCode: 2,
        code: 'ERR_USAGE',
      });
    }
    process.stderr.write(`${CLIENT_CONFIG_PLACE[kind]}:\n`);
    process.stdout.write(
      `${clientSnippet(kind, { profile: args.profile, readOnly: args['read-only'], url: args.url })}\n`,
    );
  },
});
