// Resources: each record's metadata as `keeper://UID` (never values), listed from the scoped vault.
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { recordMeta } from './record-summary.js';
import type { ToolContext } from './tool-kit.js';

/**
 * Registers the `keeper://{uid}` resource template; reading one returns its metadata JSON (no field values).
 *
 * @example
 * registerRecordResources(ctx);
 */
export function registerRecordResources(ctx: ToolContext): void {
  const server: McpServer = ctx.server;
  const template = new ResourceTemplate('keeper://{uid}', {
    list: async () => {
      const snapshot = await ctx.view.snapshot();
      return {
        resources: snapshot.records.map((r) => ({
          uri: `keeper://${r.recordUid}`,
          name: r.data.title,
          description: `${r.data.type} record (metadata only)`,
          mimeType: 'application/json',
        })),
      };
    },
  });
  server.registerResource(
    'record',
    template,
    { title: 'Keeper record metadata', description: 'Record metadata: title, type, folder, field types. No values.' },
    async (uri, variables) => {
      const started = performance.now();
      const uid = String(variables.uid);
      const snapshot = await ctx.view.snapshot();
      const record = await ctx.view.record(uid);
      ctx.audit.write({
        client: ctx.clientName,
        tool: 'resources/read',
        records: [uid],
        decision: 'ok',
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
      const text = JSON.stringify(recordMeta(record, snapshot.folderNames), null, 2);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    },
  );
}
