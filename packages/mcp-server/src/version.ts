// The package version, read once from package.json.
import { createRequire } from 'node:module';

/** The version of @ksmkit/mcp-server. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
