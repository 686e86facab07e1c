import { ShipmateError, userMessageOf } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { OwnerRefusalError } from '../core/refusal.js';
import type { RequestRecord } from '../core/request.js';
import { TRANSITIONS } from './lifecycle.js';
import { ensureRequestedAudited } from './requested-audit.js';
import { enqueueApproved, scheduleExpiry } from './enqueue.js';
import { hasScope, operationContext } from './op-context.js';
import type { PlanDeps } from './pipeline-deps.js';
import { notifySafely, recordChange, requestLogger } from './record-change.js';

export interface AttemptInfo {
  /** Attempts already made before this one. */
  made: number;
  max: number;
}

/**
 * The plan job: compute the plan (read-only), then route the request: nothing to do → succeeded;
 * approvals needed → awaiting_approval with a deadline; none needed → approved → queued.
 */
export async function processPlan(deps: PlanDeps, requestId: string, attempt: AttemptInfo): Promise<void> {
  const rec = await deps.store.get(requestId);
  if (!rec || rec.state !== 'requested') return;
  const log = requestLogger(deps.logger, rec);
  await ensureRequestedAudited(deps, rec);
  // The request's card first appears here, while planning runs (submit leaves it out of the ack).
  await notifySafely(log, () => deps.notifier.cardChanged(rec.id));
  const op = deps.operations.get(rec.invocation.command);
  if (!op || !hasScope(rec)) {
    await failPlanning(deps, rec, 'this command is not available yet');
    return;
  }
  let plan: Plan;
  try {
    const ctx = operationContext(deps, rec, { signal: new AbortController().signal, log, activeState: 'requested', steps: { steps: [] } });
    plan = await op.plan(ctx);
  } catch (err) {
    if (err instanceof OwnerRefusalError) {
      await refusePlanning(deps, rec, err);
      return;
    }
    const retryable = err instanceof ShipmateError ? err.retryable : false;
    if (retryable && attempt.made + 1 < attempt.max) throw err;
    log.warn({ err }, 'planning failed');
    await failPlanning(deps, rec, `planning failed: ${userMessageOf(err)}`);
    return;
  }
  await routePlanned(deps, rec, plan);
}

async function routePlanned(deps: PlanDeps, rec: RequestRecord, plan: Plan): Promise<void> {
  if (plan.noop) {
    const done = await deps.store.transition(rec.id, TRANSITIONS.planNoop, {
      plan,
      status: `nothing to do: ${plan.summary}`,
      reason: `nothing to do: ${plan.summary}`,
    });
    if (done.ok) await recordChange(deps, done.record, { action: 'succeeded', actor: 'shipmate', detail: `no-op: ${plan.summary}` });
    return;
  }
  if (rec.approvalsRequired > 0) {
    const ttl = deps.policy.approvalTtlMs(rec.scope?.env ?? '', rec.invocation.command);
    const expiresAt = new Date(deps.clock().getTime() + ttl).toISOString();
    const waiting = await deps.store.transition(rec.id, TRANSITIONS.planAwait, { plan, expiresAt });
    if (!waiting.ok) return;
    await scheduleExpiry(deps, waiting.record);
    await recordChange(deps, waiting.record, {
      action: 'plan',
      actor: 'shipmate',
      detail: `${planDetail(plan)}; awaiting ${rec.approvalsRequired} approval(s) until ${expiresAt}`,
    });
    return;
  }
  const approved = await deps.store.transition(rec.id, TRANSITIONS.planApproved, { plan });
  if (!approved.ok) return;
  await recordChange(deps, approved.record, { action: 'plan', actor: 'shipmate', detail: planDetail(plan) });
  await recordChange(deps, approved.record, { action: 'approved', actor: 'policy', decision: 'no approval required' });
  await enqueueApproved(deps, approved.record, 'shipmate');
}

/** The plan as the audit trail keeps it: with the owner's drift warning that approvers saw (issue 12). */
function planDetail(plan: Plan): string {
  return plan.ownerWarning ? `${plan.summary}; drift warning: ${plan.ownerWarning}` : plan.summary;
}

/** A refusal is a decision, not a failure: the request ends denied by policy, with the refusal as data for the card. */
async function refusePlanning(deps: PlanDeps, rec: RequestRecord, err: OwnerRefusalError): Promise<void> {
  const refused = await deps.store.transition(rec.id, TRANSITIONS.planRefused, { decidedBy: 'policy', refusal: err.refusal });
  if (refused.ok) await recordChange(deps, refused.record, { action: 'denied', actor: 'policy', decision: 'refused', result: err.userMessage });
}

async function failPlanning(deps: PlanDeps, rec: RequestRecord, reason: string): Promise<void> {
  const failed = await deps.store.transition(rec.id, TRANSITIONS.planFailed, { reason });
  if (failed.ok) await recordChange(deps, failed.record, { action: 'failed', actor: 'shipmate', result: reason });
}
