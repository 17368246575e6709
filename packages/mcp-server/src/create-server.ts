// One MCP server per connection: the tools this process enables, the record resources, the scrubbing transport.
import type { KsmClient } from '@ksmkit/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AuditLog } from './audit-log.js';
import type { Scope } from './http/scopes.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import type { Logger } from './logger.js';
import { registerRecordResources } from './record-resources.js';
import { createApprovals, scrubOutgoing } from './scrub-transport.js';
import type { Scrubber } from './scrubber.js';
import type { ServerOptions } from './server-options.js';
import { defineTool, type ToolContext } from './tool-kit.js';
import { deleteFolderTool, deleteSecretTool } from './tools/delete-tools.js';
import { downloadFileTool, uploadFileTool } from './tools/file-tools.js';
import { createFolderTool, updateFolderTool } from './tools/folder-tools.js';
import { getFieldTool } from './tools/get-field.js';
import { getRecordTypeSchemaTool } from './tools/get-record-type-schema.js';
import { getSecretTool } from './tools/get-secret.js';
import { healthTool } from './tools/health.js';
import { httpRequestTool } from './tools/http-request.js';
import { listFoldersTool } from './tools/list-folders.js';
import { listSecretsTool } from './tools/list-secrets.js';
import { runWithSecretsTool } from './tools/run-with-secrets.js';
import { searchSecretsTool } from './tools/search-secrets.js';
import { generatePasswordTool, getTotpCodeTool } from './tools/secret-values-tools.js';
import { createSecretTool, updateSecretTool } from './tools/write-secrets.js';
import type { VaultView } from './vault-view.js';

/** What every connection of one process shares. */
export interface ServerServices {
  readonly options: ServerOptions;
  readonly client: KsmClient;
  readonly view: VaultView;
  readonly scrubber: Scrubber;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly version: string;
}

/** Largest number of array elements plus object members one tools/call may carry. */
const MAX_INPUT_ELEMENTS = 2000;

/**
 * Builds the MCP server for one connection and connects it to `transport` (scrubbed on the way out).
 *
 * @example
 * await connectServer(services, new StdioServerTransport(), 'stdio');
 */
export async function connectServer(
  services: ServerServices,
  transport: Transport,
  clientName: string,
  scopes?: ReadonlySet<Scope>,
): Promise<McpServer> {
  const server = new McpServer(
    { name: 'ksmkit-mcp', title: 'Keeper Secrets Manager (ksmkit)', version: services.version },
    { instructions: SERVER_INSTRUCTIONS, maxToolInputElements: MAX_INPUT_ELEMENTS },
  );
  const approvals = createApprovals();
  const ctx: ToolContext = { ...services, server, approvals, clientName, scopes };
  const registered: string[] = [];
  const tools = [
    listSecretsTool,
    searchSecretsTool,
    getSecretTool,
    getFieldTool,
    listFoldersTool,
    getRecordTypeSchemaTool,
    getTotpCodeTool,
    generatePasswordTool,
    httpRequestTool,
    ...(services.options.allowExec.length > 0 ? [runWithSecretsTool] : []),
    createSecretTool,
    updateSecretTool,
    deleteSecretTool,
    createFolderTool,
    updateFolderTool,
    deleteFolderTool,
    ...(services.options.fileDirs.length > 0 ? [uploadFileTool, downloadFileTool] : []),
  ];
  for (const tool of tools) if (defineTool(ctx, tool as never)) registered.push(tool.name);
  if (defineTool(ctx, healthTool(() => registered) as never)) registered.push('health');
  registerRecordResources(ctx);
  await server.connect(scrubOutgoing(transport, services.scrubber, approvals));
  return server;
}
