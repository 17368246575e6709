// Registers one tool: strict input, output schema with structuredContent, errors as isError results, an audit line.
import type { KsmClient } from '@ksmkit/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { AuditLog } from './audit-log.js';
import { errorCode } from './errors.js';
import { type Scope, toolScope } from './http/scopes.js';
import type { Logger } from './logger.js';
import type { Approvals } from './scrub-transport.js';
import type { Scrubber } from './scrubber.js';
import type { ServerOptions } from './server-options.js';
import type { VaultView } from './vault-view.js';

/** Everything a tool needs; one per connection (the vault view and scrubber are shared by the process). */
export interface ToolContext {
  readonly server: McpServer;
  readonly options: ServerOptions;
  readonly client: KsmClient;
  readonly view: VaultView;
  readonly scrubber: Scrubber;
  readonly approvals: Approvals;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Who is calling: `stdio` or the HTTP client's name. */
  readonly clientName: string;
  /** The HTTP client's scopes; undefined over stdio (the operator's own process: every scope). */
  readonly scopes?: ReadonlySet<Scope> | undefined;
}

/** What a tool run fills in for its audit line (record UIDs and field names only) and the approvals it got. */
export interface CallNote {
  records?: string[];
  fields?: string[];
  decision?: string;
  /** The JSON-RPC id of this call (for `approvals.grant`). */
  readonly requestId: string | number;
  readonly signal: AbortSignal;
}

/** A tool's successful result: structured data plus a short text rendering. */
export interface ToolOutput<O> {
  readonly structured: O;
  readonly text: string;
}

/** A tool definition. */
export interface ToolSpec<I extends z.ZodType, O extends z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly annotations: Omit<ToolAnnotations, 'title'>;
  /** Write tools are not registered in read-only mode. */
  readonly writes?: boolean;
  readonly run: (ctx: ToolContext, args: z.infer<I>, note: CallNote) => Promise<ToolOutput<z.infer<O>>>;
}

/**
 * Registers `spec` unless read-only mode or the per-tool switches leave it out; returns whether it was registered.
 *
 * @example
 * defineTool(ctx, healthTool);
 */
export function defineTool<I extends z.ZodType, O extends z.ZodObject>(
  ctx: ToolContext,
  spec: ToolSpec<I, O>,
): boolean {
  if (!toolEnabled(ctx.options, spec.name, spec.writes === true)) return false;
  if (ctx.scopes !== undefined && !ctx.scopes.has(toolScope(spec.name))) return false;
  ctx.server.registerTool(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      outputSchema: spec.output,
      annotations: { title: spec.title, ...spec.annotations },
    },
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's callback type is generic over the schema we pass in
    (async (args: any, extra: { requestId: string | number; signal: AbortSignal }) => {
      const started = performance.now();
      const note: CallNote = { requestId: extra.requestId, signal: extra.signal };
      try {
        const out = await spec.run(ctx, args as z.infer<I>, note);
        audit(ctx, spec.name, note, note.decision ?? 'ok', started);
        return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured };
      } catch (error) {
        const code = errorCode(error);
        const decision = note.decision ?? (code.startsWith('ERR_APPROVAL') ? 'refused' : 'error');
        audit(ctx, spec.name, note, decision, started, code);
        if (code === 'ERR_INTERNAL') ctx.logger.error(`${spec.name} failed: ${describe(error)}`);
        const message = error instanceof Error ? error.message : String(error);
        return { isError: true, content: [{ type: 'text', text: `${code}: ${ctx.scrubber.scrub(message)}` }] };
      }
    }) as never,
  );
  return true;
}

/** True when a tool is on: not a write tool in read-only mode, listed in `--tools` (if given), not in `--disable-tools`. */
export function toolEnabled(options: ServerOptions, name: string, writes: boolean): boolean {
  if (writes && options.readOnly) return false;
  if (options.enabledTools !== undefined && !options.enabledTools.has(name)) return false;
  return !options.disabledTools.has(name);
}

function audit(ctx: ToolContext, tool: string, note: CallNote, decision: string, started: number, code?: string) {
  ctx.audit.write({
    client: ctx.clientName,
    tool,
    records: note.records,
    fields: note.fields,
    decision,
    code,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
