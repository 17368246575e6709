// Human approval through MCP elicitation (form mode): a plain confirm naming what would be shown, never the value.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpServerError } from './errors.js';

/** The human's answer. `unsupported`: the client cannot ask (no elicitation capability). */
export type ApprovalDecision = 'approved' | 'declined' | 'cancelled' | 'unsupported';

/** What to ask. `action` completes "Allow the AI model to …" and names the record and field. */
export interface ApprovalRequest {
  readonly action: string;
}

/** True when the connected client declared form elicitation. */
export function canElicit(server: McpServer): boolean {
  const elicitation = server.server.getClientCapabilities()?.elicitation as { form?: unknown } | undefined;
  return elicitation !== undefined && elicitation !== null;
}

/**
 * Asks the human through the MCP client. Only the client's elicitation answer approves; nothing in tool arguments can.
 *
 * @example
 * const decision = await askHuman(server, { action: 'see the password of "DB" (UID abc)' });
 */
export async function askHuman(server: McpServer, request: ApprovalRequest): Promise<ApprovalDecision> {
  if (!canElicit(server)) return 'unsupported';
  const result = await server.server.elicitInput({
    mode: 'form',
    message: `Allow the AI model to ${request.action}? The value is shown to the model once, for this call only.`,
    requestedSchema: {
      type: 'object',
      properties: {
        approve: { type: 'boolean', title: 'Approve', description: 'Tick to approve this one request' },
      },
      required: ['approve'],
    },
  });
  if (result.action === 'accept') return result.content?.approve === true ? 'approved' : 'declined';
  return result.action === 'decline' ? 'declined' : 'cancelled';
}

/**
 * Throws the refusal that matches a decision other than `approved` (the tool turns it into an `isError` result).
 *
 * @example
 * refuseUnlessApproved(decision, 'reveal');
 */
export function refuseUnlessApproved(decision: ApprovalDecision, what: string): void {
  if (decision === 'approved') return;
  if (decision === 'declined') {
    throw new McpServerError('ERR_APPROVAL_DECLINED', `The user declined the ${what}. Do not retry; ask the user.`);
  }
  if (decision === 'cancelled') {
    throw new McpServerError('ERR_APPROVAL_CANCELLED', `The user dismissed the ${what} request. Nothing was shown.`);
  }
  throw new McpServerError(
    'ERR_APPROVAL_UNAVAILABLE',
    `This MCP client cannot ask the user for approval (no elicitation support), so the ${what} is refused. ` +
      'Use a client with MCP elicitation (form mode), or use run_with_secrets / http_request, which use secrets without revealing them.',
  );
}
