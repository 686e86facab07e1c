import type { ListenerDeps } from './deps.js';
import { recordRefusal } from './refusal-audit.js';

export type CardAction = 'approve' | 'deny' | 'cancel';

/**
 * A click on Approve / Deny / Cancel. The request id comes from the button's value; who clicked
 * comes from `user.id` (never a name); `handle` is only recorded beside an approval, for display.
 * Returns the ephemeral answer for the clicker, or null when the card update itself is the answer.
 */
export async function answerCardAction(
  deps: ListenerDeps,
  input: { action: CardAction; requestId: string; user: string; handle?: string | undefined },
): Promise<string | null> {
  const request = await deps.pipeline.get(input.requestId);
  if (!request) return `Request ${input.requestId} is unknown (it may have been cleaned up).`;
  const env = request.scope?.env;
  const userGroups = env ? await deps.groups.groupsOf(input.user, deps.policy.groupsToResolve(env)) : new Set<string>();
  const result =
    input.action === 'approve'
      ? await deps.pipeline.approve(input.requestId, input.user, userGroups, input.handle)
      : input.action === 'deny'
        ? await deps.pipeline.deny(input.requestId, input.user, userGroups)
        : await deps.pipeline.cancel(input.requestId, input.user, userGroups);
  if (input.action !== 'cancel') deps.metrics.approval(result.ok ? (input.action === 'approve' ? 'approved' : 'denied') : 'refused');
  if (!result.ok && result.refusal) await recordRefusal(deps, request, { user: input.user, action: input.action, refusal: result.refusal });
  return result.ok ? null : result.message;
}
