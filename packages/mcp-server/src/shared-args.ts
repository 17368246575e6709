// The options every serving command shares (device config, governance, logging) and their parsing.
import { resolve } from 'node:path';
import { UserError } from '@ksmkit/runner';
import type { LogLevel } from './logger.js';
import type { ServerOptions } from './server-options.js';
import type { ServicesInput } from './services.js';

/** citty argument definitions shared by `stdio` and `http`. */
export const SERVE_ARGS = {
  profile: { type: 'string', description: 'keeper.ini profile (default: KSM_CONFIG, else the active profile)' },
  'ini-file': { type: 'string', description: 'Use this keeper.ini (no search path)' },
  'read-only': { type: 'boolean', description: 'Do not register any write tool' },
  folders: { type: 'string', description: 'Comma-separated folder UIDs or names; only records below them exist' },
  tools: { type: 'string', description: 'Comma-separated tools to enable (default: all)' },
  'disable-tools': { type: 'string', description: 'Comma-separated tools to disable' },
  'allow-reveal-without-approval': {
    type: 'boolean',
    description: 'Reveal without a human when the client cannot elicit (unsafe; off by default)',
  },
  'audit-log': { type: 'string', description: 'Append a JSONL audit line per call to this file (0600)' },
  'cache-ttl': { type: 'string', description: 'Seconds a vault read is reused (default 30)' },
  'log-level': { type: 'string', description: 'debug, info, warn (default), error or silent' },
  'allow-exec': {
    type: 'string',
    description: 'Programs run_with_secrets may run, comma-separated (default: tool off)',
  },
  'exec-timeout': { type: 'string', description: 'Seconds a run_with_secrets command may take (default 30)' },
  'output-cap': { type: 'string', description: 'Bytes of output returned per stream or response (default 65536)' },
  'allow-hosts': {
    type: 'string',
    description: 'Hosts http_request may call: host, host:port, *.domain (default: tool off)',
  },
  'files-dir': { type: 'string', description: 'Directories the file tools may use, comma-separated (default: off)' },
  'max-file-size': { type: 'string', description: 'Largest file in bytes for upload/download (default 10485760)' },
} as const;

/** Parsed values of SERVE_ARGS as citty hands them over. */
export type ServeArgValues = { readonly [K in keyof typeof SERVE_ARGS]?: string | boolean | undefined };

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/**
 * Splits a comma-separated option into trimmed, non-empty parts.
 *
 * @example
 * splitList('a, b,,c') // ['a', 'b', 'c']
 */
export const splitList = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];

/**
 * Turns the parsed arguments into the services input, with clear usage errors.
 *
 * @example
 * const input = servicesInput(args, '0.1.0');
 */
export function servicesInput(args: ServeArgValues, version: string): ServicesInput {
  const level = (args['log-level'] ?? 'warn') as LogLevel;
  if (!LEVELS.includes(level)) {
    throw new UserError(`--log-level must be one of ${LEVELS.join(', ')}`, { exitCode: 2, code: 'ERR_USAGE' });
  }
  const ttl = args['cache-ttl'] === undefined ? 30 : Number(args['cache-ttl']);
  if (!Number.isFinite(ttl) || ttl < 0) {
    throw new UserError('--cache-ttl must be a number of seconds, e.g. --cache-ttl 30', {
      exitCode: 2,
      code: 'ERR_USAGE',
    });
  }
  const tools = splitList(args.tools);
  const num = (name: 'exec-timeout' | 'output-cap' | 'max-file-size', fallback: number): number => {
    const value = args[name] === undefined ? fallback : Number(args[name]);
    if (!Number.isFinite(value) || value <= 0) {
      throw new UserError(`--${name} must be a positive number`, { exitCode: 2, code: 'ERR_USAGE' });
    }
    return value;
  };
  const options: ServerOptions = {
    readOnly: args['read-only'] === true,
    folderScope: splitList(args.folders),
    allowRevealWithoutApproval: args['allow-reveal-without-approval'] === true,
    enabledTools: tools.length > 0 ? new Set(tools) : undefined,
    disabledTools: new Set(splitList(args['disable-tools'])),
    auditLog: typeof args['audit-log'] === 'string' ? args['audit-log'] : undefined,
    allowExec: splitList(args['allow-exec']),
    execTimeoutMs: num('exec-timeout', 30) * 1000,
    outputCapBytes: num('output-cap', 65_536),
    allowHosts: splitList(args['allow-hosts']),
    fileDirs: splitList(args['files-dir']).map((d) => resolve(d)),
    maxFileBytes: num('max-file-size', 10 * 1024 * 1024),
  };
  return {
    profile: typeof args.profile === 'string' ? args.profile : undefined,
    iniFile: typeof args['ini-file'] === 'string' ? args['ini-file'] : undefined,
    cacheTtlMs: ttl * 1000,
    logLevel: level,
    options,
    version,
  };
}
