import type { Logger } from 'pino';
import type { OperationContext } from '../core/operation.js';
import type { ProgressSink } from '../core/plan.js';
import type { RequestRecord, RequestState } from '../core/request.js';
import type { ContextDeps } from './pipeline-deps.js';
import { notifySafely } from './record-change.js';

/** What a running operation reported as steps: the "what was done" of a cancel or failure. */
export interface StepLog {
  steps: string[];
}

/**
 * The ProgressSink for a request: `status` becomes the record's one-line status and a card
 * update (the notifier coalesces), `step` a thread reply, `reminder` a thread reply the notifier
 * pins. Both count as steps (what was done). Status writes only land while the
 * request is still in `activeState`, so a late event cannot touch a finished request.
 */
export function progressSink(deps: ContextDeps, rec: RequestRecord, log: Logger, activeState: RequestState, steps: StepLog): ProgressSink {
  return async (event) => {
    if (event.kind === 'status') {
      const res = await deps.store.update(rec.id, { status: event.text }, [activeState]);
      if (res.ok) await notifySafely(log, () => deps.notifier.cardChanged(rec.id));
      return;
    }
    steps.steps.push(event.text);
    const kind = event.kind === 'reminder' ? 'reminder' : 'step';
    await notifySafely(log, () => deps.notifier.threadReply(rec.id, { kind, text: event.text }));
  };
}

/** The OperationContext for a stored request. The caller has checked that `scope` is set. */
export function operationContext(
  deps: ContextDeps,
  rec: RequestRecord & { scope: NonNullable<RequestRecord['scope']> },
  opts: { signal: AbortSignal; log: Logger; activeState: RequestState; steps: StepLog },
): OperationContext {
  return {
    invocation: rec.invocation,
    scope: rec.scope,
    limits: deps.policy.limits(rec.scope.env),
    signal: opts.signal,
    progress: progressSink(deps, rec, opts.log, opts.activeState, opts.steps),
    logger: opts.log,
    requestId: rec.id,
    requester: rec.requester,
    ...(rec.requesterHandle ? { requesterHandle: rec.requesterHandle } : {}),
    approvers: rec.approvals.map((a) => ({ id: a.user, ...(a.handle ? { handle: a.handle } : {}) })),
  };
}

export function hasScope(rec: RequestRecord): rec is RequestRecord & { scope: NonNullable<RequestRecord['scope']> } {
  return rec.scope !== null;
}
