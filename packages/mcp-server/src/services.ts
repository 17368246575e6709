// Builds what every connection shares from the command-line options: the KSM client, vault view, scrubber, logs.
import { createNodeClient } from '@ksmkit/config';
import { createAuditLog } from './audit-log.js';
import type { ServerServices } from './create-server.js';
import { createLogger, type LogLevel } from './logger.js';
import { createScrubber } from './scrubber.js';
import type { ServerOptions } from './server-options.js';
import { createVaultView } from './vault-view.js';

/** Where the device config comes from and how long reads are reused. */
export interface ServicesInput {
  readonly profile?: string | undefined;
  readonly iniFile?: string | undefined;
  readonly cacheTtlMs: number;
  readonly logLevel: LogLevel;
  readonly options: ServerOptions;
  readonly version: string;
}

/**
 * Resolves the device config through @ksmkit/config (profile, KSM_CONFIG, keyring) and builds the shared services.
 *
 * @example
 * const services = await createServices({ profile: 'prod', cacheTtlMs: 30_000, logLevel: 'info', options, version });
 */
export async function createServices(input: ServicesInput): Promise<ServerServices> {
  const scrubber = createScrubber();
  const logger = createLogger({ level: input.logLevel, scrubber });
  const { client, source, profile } = await createNodeClient({
    profile: input.profile,
    iniFile: input.iniFile,
    cache: { ttlMs: input.cacheTtlMs },
    onConfigWarning: (warning) => logger.warn(warning.message),
    onWarning: (warning) => logger.warn(`vault warning: ${warning}`),
  });
  logger.info(`device config from ${source}${profile === undefined ? '' : ` (profile ${profile})`}`);
  const view = createVaultView({ client, scrubber, folderScope: input.options.folderScope, ttlMs: input.cacheTtlMs });
  const audit = createAuditLog({ path: input.options.auditLog, scrubber });
  return { options: input.options, client, view, scrubber, audit, logger, version: input.version };
}

/**
 * Reads the vault and compiles the scrubber in the background, so the first tool call finds both ready.
 * A failure is only logged: the first call reports it properly.
 *
 * @example
 * warmUp(services);
 */
export function warmUp(services: ServerServices): void {
  services.view
    .snapshot()
    .then(() => services.scrubber.scrub(''))
    .catch((error: unknown) => services.logger.debug(`warm-up read failed: ${String(error)}`));
}
