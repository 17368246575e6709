// health: is the vault reachable, which app this is, expiry warnings, which tools are enabled.
import { z } from 'zod';
import { errorCode } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';

const input = z.strictObject({});

const output = z.object({
  vaultReachable: z.boolean(),
  app: z.string().nullable(),
  records: z.number().describe('records in scope'),
  expiresOn: z.string().nullable().describe("ISO time the app's access expires; null when it does not"),
  warnings: z.array(z.string()),
  readOnly: z.boolean(),
  folderScope: z.boolean().describe('true when only some folders are visible'),
  tools: z.array(z.string()),
  error: z.string().optional().describe('why the vault is not reachable'),
});

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Makes the health tool for the list of tools registered on this connection. */
export function healthTool(tools: () => readonly string[]): ToolSpec<typeof input, typeof output> {
  return {
    name: 'health',
    title: 'Health',
    description:
      'Check that the Keeper vault is reachable and show the app name, how many records are visible, expiry warnings ' +
      'and which tools this server has enabled. Call it first when something fails.',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(ctx, _args, note) {
      const base = {
        readOnly: ctx.options.readOnly,
        folderScope: ctx.options.folderScope.length > 0,
        tools: [...tools()],
      };
      try {
        const [snapshot, info] = await Promise.all([ctx.view.snapshot(note.signal), ctx.client.getAppInfo()]);
        const warnings = [...snapshot.warnings];
        const expiresOn = snapshot.expiresOn;
        if (expiresOn !== null && expiresOn - Date.now() < WEEK_MS) {
          warnings.push(`The app's access expires on ${new Date(expiresOn).toISOString()}.`);
        }
        const app = info.title;
        const structured = {
          vaultReachable: true,
          app,
          records: snapshot.records.length,
          expiresOn: expiresOn === null ? null : new Date(expiresOn).toISOString(),
          warnings,
          ...base,
        };
        return {
          structured,
          text: `vault reachable; app ${app ?? '(unnamed)'}; ${structured.records} record(s) in scope; ${warnings.length} warning(s); tools: ${base.tools.join(', ')}`,
        };
      } catch (error) {
        const code = errorCode(error);
        const message = `${code}: ${error instanceof Error ? error.message : String(error)}`;
        const structured = {
          vaultReachable: false,
          app: null,
          records: 0,
          expiresOn: null,
          warnings: [],
          error: message,
          ...base,
        };
        return { structured, text: `vault NOT reachable: ${message}` };
      }
    },
  };
}
