import { recordSafely } from '../../audit/record-safely.js';
import type { RequestRecord } from '../../core/request.js';
import { describeTarget } from '../../core/target.js';
import type { ListenerDeps } from './deps.js';

/**
 * A refused attempt on a request (self-approval, a non-approver's Approve, Deny or Cancel) is part
 * of its history: one `refused` audit event with the caller as actor and policy's rule.
 */
export async function recordRefusal(
  deps: Pick<ListenerDeps, 'audit' | 'logger'>,
  request: RequestRecord,
  attempt: { user: string; action: string; refusal: { rule: string; message: string } },
): Promise<void> {
  const event = {
    requestId: request.id,
    actor: attempt.user,
    action: 'refused',
    command: request.invocation.command,
    target: request.target ? describeTarget(request.target) : '-',
    decision: attempt.refusal.rule,
    detail: `${attempt.action}: ${attempt.refusal.message}`,
  };
  await recordSafely(deps.audit, event, deps.logger);
}
