// The one reveal gate: ask the human, record the decision, release exactly the approved values for this call.
import { askHuman, refuseUnlessApproved } from '../approval.js';
import { McpServerError } from '../errors.js';
import type { CallNote, ToolContext } from '../tool-kit.js';

/**
 * Asks the human to approve `action`; on approval the `values` pass the scrubber in this call's result only.
 * Throws the matching refusal otherwise (declined, cancelled, or no elicitation support).
 *
 * @example
 * await approveReveal(ctx, note, 'see the password of "DB" (abc)', ['…']);
 */
export async function approveReveal(
  ctx: ToolContext,
  note: CallNote,
  action: string,
  values: readonly string[],
  what = 'reveal',
): Promise<void> {
  if (ctx.scopes !== undefined && !ctx.scopes.has('reveal')) {
    note.decision = 'refused';
    throw new McpServerError(
      'ERR_NOT_ALLOWED',
      `This client's token has no "reveal" scope, so the ${what} is refused.`,
    );
  }
  let decision = await askHuman(ctx.server, { action: ctx.scrubber.scrub(action) });
  if (decision === 'unsupported' && ctx.options.allowRevealWithoutApproval) {
    note.decision = 'revealed-without-approval';
    ctx.logger.warn(`${what} without human approval (--allow-reveal-without-approval)`);
    decision = 'approved';
  } else {
    note.decision = decision === 'approved' ? 'revealed' : decision === 'unsupported' ? 'refused' : decision;
  }
  refuseUnlessApproved(decision, what);
  ctx.approvals.grant(note.requestId, values);
}

/**
 * Asks the human to confirm a destructive action (delete); refuses on anything but an explicit approval,
 * including a client without elicitation (no operator switch skips this).
 *
 * @example
 * await confirmAction(ctx, note, 'delete the record "DB" (abc)');
 */
export async function confirmAction(ctx: ToolContext, note: CallNote, action: string): Promise<void> {
  const decision = await askHuman(ctx.server, { action: ctx.scrubber.scrub(action) });
  note.decision = decision === 'approved' ? 'confirmed' : decision === 'unsupported' ? 'refused' : decision;
  refuseUnlessApproved(decision, 'confirmation');
}
