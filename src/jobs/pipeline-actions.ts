import type { RequestRecord } from '../core/request.js';
import { TERMINAL_STATES } from '../core/request.js';
import { dropExpiry, enqueueApproved } from './enqueue.js';
import { STEPS, TRANSITIONS, startStep, startsFrom } from './lifecycle.js';
import { jobIdOf } from './names.js';
import type { ActionDeps } from './pipeline-deps.js';
import { recordChange } from './record-change.js';

/** `refusal` is set when policy (not the request's state) said no: the caller audits the attempt. */
export type ActionResult = { ok: true; request: RequestRecord; message: string } | { ok: false; message: string; refusal?: { rule: string; message: string } };

/** Why a request in `state` can no longer be approved or denied, in the user's words. */
function closedMessage(rec: RequestRecord): string {
  switch (rec.state) {
    case 'expired':
      return `this request expired${rec.expiresAt ? ` at ${rec.expiresAt}` : ''}; please make a new request`;
    case 'requested':
      return 'the plan is not ready yet; try again in a moment';
    case 'approved':
    case 'queued':
    case 'running':
      return `${rec.id} is already approved (${rec.state})`;
    default:
      return `${rec.id} is already ${rec.state}`;
  }
}

function checkApprover(deps: ActionDeps, rec: RequestRecord, user: string, groups: ReadonlySet<string>, approvals: readonly string[]) {
  return deps.policy.checkApprove({
    user,
    userGroups: groups,
    env: rec.scope?.env ?? '',
    command: rec.invocation.command,
    requester: rec.requester,
    approvals,
  });
}

/** An approval past its deadline whose expiry job has not fired yet still counts as expired. */
async function expireIfLate(deps: ActionDeps, rec: RequestRecord): Promise<boolean> {
  if (!startsFrom(TRANSITIONS.expire, rec.state) || !rec.expiresAt || new Date(rec.expiresAt) > deps.clock()) return false;
  const res = await deps.store.transition(rec.id, TRANSITIONS.expire, { reason: 'no approval before the deadline', status: 'expired' });
  if (res.ok) await recordChange(deps, res.record, { action: 'expired', actor: 'shipmate' });
  return true;
}

export async function approve(deps: ActionDeps, requestId: string, user: string, groups: ReadonlySet<string>, handle?: string): Promise<ActionResult> {
  const rec = await deps.store.get(requestId);
  if (!rec) return { ok: false, message: `no request ${requestId}` };
  if (await expireIfLate(deps, rec)) return { ok: false, message: closedMessage({ ...rec, state: 'expired' }) };
  if (!startsFrom(TRANSITIONS.approve, rec.state)) return { ok: false, message: closedMessage(rec) };
  const refusal = checkApprover(deps, rec, user, groups, rec.approvals.map((a) => a.user));
  if (refusal) return { ok: false, message: refusal.message, refusal };
  const res = await deps.store.addApproval(requestId, user, TRANSITIONS.approve, handle);
  if (!res.record) return { ok: false, message: `no request ${requestId}` };
  if (res.duplicate) return { ok: false, message: `you already approved ${requestId}` };
  if (!res.transitioned && res.record.state !== 'awaiting_approval') return { ok: false, message: closedMessage(res.record) };
  const count = `${res.approvals.length}/${res.record.approvalsRequired}`;
  await recordChange(deps, res.record, { action: 'approved', actor: user, decision: `approval ${count}` });
  if (!res.transitioned) return { ok: true, request: res.record, message: `approval recorded (${count})` };
  await dropExpiry(deps, requestId);
  const queued = await enqueueApproved(deps, res.record, user);
  return { ok: true, request: queued, message: `approved (${count}); ${requestId} is queued` };
}

export async function deny(deps: ActionDeps, requestId: string, user: string, groups: ReadonlySet<string>): Promise<ActionResult> {
  const rec = await deps.store.get(requestId);
  if (!rec) return { ok: false, message: `no request ${requestId}` };
  if (await expireIfLate(deps, rec)) return { ok: false, message: closedMessage({ ...rec, state: 'expired' }) };
  if (!startsFrom(TRANSITIONS.deny, rec.state)) return { ok: false, message: closedMessage(rec) };
  if (user === rec.requester) {
    const message = 'you cannot deny your own request; cancel it instead';
    return { ok: false, message, refusal: { rule: 'requester cannot deny', message } };
  }
  const refusal = checkApprover(deps, rec, user, groups, []);
  if (refusal) return { ok: false, message: refusal.message, refusal };
  const res = await deps.store.transition(requestId, TRANSITIONS.deny, { decidedBy: user, reason: null, status: 'denied' });
  if (!res.ok) return { ok: false, message: res.record ? closedMessage(res.record) : `no request ${requestId}` };
  await dropExpiry(deps, requestId);
  await recordChange(deps, res.record, { action: 'denied', actor: user, decision: 'denied' });
  return { ok: true, request: res.record, message: `${requestId} denied` };
}

export async function cancel(deps: ActionDeps, requestId: string, user: string, groups: ReadonlySet<string>): Promise<ActionResult> {
  const rec = await deps.store.get(requestId);
  if (!rec) return { ok: false, message: `no request ${requestId}` };
  if (TERMINAL_STATES.has(rec.state)) return { ok: false, message: `${requestId} is already ${rec.state}` };
  if (user !== rec.requester) {
    const refusal = checkApprover(deps, rec, user, groups, []);
    if (refusal) return { ok: false, message: `only the requester or an approver may cancel: ${refusal.message}`, refusal };
  }
  if (rec.state === 'running') return cancelRunning(deps, rec, user);
  const res = await deps.store.transition(requestId, TRANSITIONS.cancelWaiting, { decidedBy: user, reason: null, status: 'cancelled' });
  if (!res.ok) {
    // It started running between our read and the CAS: cancel it where it runs.
    if (res.record?.state === 'running') return cancelRunning(deps, res.record, user);
    return { ok: false, message: res.record ? `${requestId} is already ${res.record.state}` : `no request ${requestId}` };
  }
  await dropExpiry(deps, requestId);
  await removeQueuedJob(deps, res.record);
  await recordChange(deps, res.record, { action: 'cancelled', actor: user, decision: `cancelled while ${rec.state}` });
  return { ok: true, request: res.record, message: `${requestId} cancelled` };
}

async function cancelRunning(deps: ActionDeps, rec: RequestRecord, user: string): Promise<ActionResult> {
  // The mark covers a job that has just started and is not yet listening: it checks before executing.
  const marked = await deps.store.update(rec.id, { decidedBy: user }, ['running']);
  if (!marked.ok) return { ok: false, message: marked.record ? `${rec.id} is already ${marked.record.state}` : `no request ${rec.id}` };
  await deps.cancelBus.publish({ requestId: rec.id, user });
  return { ok: true, request: rec, message: `stopping ${rec.id}; the thread will say what was done` };
}

async function removeQueuedJob(deps: ActionDeps, rec: RequestRecord): Promise<void> {
  const step = STEPS[startStep(rec.mutates)];
  try {
    await deps.queues.get(step.queue).remove(jobIdOf(step.jobIdPrefix, rec.id));
  } catch (err) {
    // A job that a worker already took is locked; the worker's CAS queued → running will fail and it stops.
    deps.logger.debug({ err, requestId: rec.id }, 'queued job not removed');
  }
}
