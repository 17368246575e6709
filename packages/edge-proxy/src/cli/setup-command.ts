// `ksmkit-edge setup --profile NAME`: writes .dev.vars (0600) for wrangler dev and prints the deploy commands.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { resolveConfig } from '@ksmkit/config';
import { readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { readDevVars, writeDevVars } from './dev-vars.js';
import { EXIT } from './exit-codes.js';

/** Builds the setup command (an exported factory keeps the command tree testable). */
export const setupCommand = defineCommand({
  meta: {
    name: 'setup',
    description: 'Write .dev.vars (0600) from a ksm profile and print the wrangler secret commands',
  },
  args: {
    profile: { type: 'string', description: 'keeper.ini profile to use (default: the active one)' },
    'ini-file': { type: 'string', description: 'keeper.ini path (default: the usual search path)' },
    'dev-vars': { type: 'string', description: 'Where to write the local secrets (default .dev.vars)' },
    rotate: { type: 'boolean', description: 'Generate a new TOKEN_SECRET and CACHE_KEY even if .dev.vars has them' },
  },
  async run({ args }) {
    const resolved = await resolveConfig({
      env: {},
      cwd: process.cwd(),
      homedir: homedir(),
      ...(args.profile === undefined ? {} : { profile: args.profile }),
      ...(args['ini-file'] === undefined ? {} : { iniFile: args['ini-file'] }),
    });
    const config = await readDeviceConfig(resolved.storage);
    if (config.appKey === undefined) {
      throw new UserError('The profile is not bound yet: read one secret with it first (e.g. ksm secret list)', {
        exitCode: EXIT.CONFIG,
        code: 'ERR_PROFILE_NOT_BOUND',
      });
    }
    const ksmConfig = Buffer.from(serializeDeviceConfig(config, { format: 'json' })).toString('base64');
    const path = resolve(args['dev-vars'] ?? '.dev.vars');
    const existing = await readDevVars(path);
    const vars = {
      ...existing,
      KSM_CONFIG: ksmConfig,
      TOKEN_SECRET: (!args.rotate && existing.TOKEN_SECRET) || randomBytes(32).toString('hex'),
      CACHE_KEY: (!args.rotate && existing.CACHE_KEY) || randomBytes(32).toString('base64'),
    };
    await writeDevVars(path, vars);
    const out = process.stdout;
    out.write(
      `Wrote ${path} (0600) with KSM_CONFIG (profile ${resolved.profile ?? 'from env'}), TOKEN_SECRET and CACHE_KEY.\n`,
    );
    out.write('Deploy: create the revocation list once and put its id in wrangler.jsonc, then upload the secrets:\n\n');
    out.write('  npx wrangler kv namespace create REVOCATIONS\n');
    out.write(`  grep -E '^(KSM_CONFIG|TOKEN_SECRET|CACHE_KEY)=' ${path} | npx wrangler secret bulk\n`);
    out.write('  npx wrangler deploy\n\n');
    out.write('Or one at a time (each reads the value from stdin, never from argv):\n');
    for (const name of ['KSM_CONFIG', 'TOKEN_SECRET', 'CACHE_KEY']) {
      out.write(`  grep '^${name}=' ${path} | cut -d= -f2- | npx wrangler secret put ${name}\n`);
    }
  },
});
