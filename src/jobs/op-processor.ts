import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { CancelledError, ShipmateError, TargetChangedError, userMessageOf } from '../core/errors.js';
import type { Operation } from '../core/operation.js';
import type { OperationResult } from '../core/plan.js';
import { TERMINAL_STATES, type RequestRecord } from '../core/request.js';
import { TRANSITIONS } from './lifecycle.js';
import { markInterrupted } from './interrupted.js';
import { reportLostRequest } from './lost-request.js';
import { hasScope, operationContext, type StepLog } from './op-context.js';
import type { RunDeps } from './pipeline-deps.js';
import type { AttemptInfo } from './plan-processor.js';
import { notifySafely, recordChange, requestLogger } from './record-change.js';
import type { RunningJob } from './running-jobs.js';
import type { HeldLock } from './target-lock.js';

/**
 * The op job: queued → running, take the target lock (mutations), check the approved plan's
 * fingerprint, execute, report, finish. Mutations never retry; a redelivered mutation (its first
 * worker died) is marked interrupted instead of run again.
 */
export async function processOperation(deps: RunDeps, requestId: string, attempt: AttemptInfo, jobSignal?: AbortSignal): Promise<void> {
  const first = await deps.store.get(requestId);
  if (!first) return;
  let rec: RequestRecord;
  if (first.state === 'running') {
    if (first.mutates) {
      await markInterrupted(deps, requestId);
      return;
    }
    rec = first; // a read-only retry: simply run again
  } else {
    const started = await deps.store.transition(requestId, TRANSITIONS.start, { status: 'starting' });
    if (!started.ok) return; // cancelled (or finished) while it waited in the queue
    rec = started.record;
    await recordChange(deps, rec, { action: 'running', actor: 'shipmate' });
  }
  const startedMs = Date.now();
  const op = deps.operations.get(rec.invocation.command);
  const log = requestLogger(deps.logger, rec);
  const entry = deps.running.start(requestId);
  const onJobAbort = () => entry.stop(jobSignal?.reason);
  jobSignal?.addEventListener('abort', onJobAbort);
  const steps: StepLog = { steps: [] };
  let lock: HeldLock | null = null;
  const extra: HeldLock[] = [];
  let outcome: { result: OperationResult } | { error: unknown };
  try {
    if (!op || !hasScope(rec) || !rec.plan) throw new ShipmateError('not_available_yet', 'this command is not available yet');
    const ctx = operationContext(deps, rec, { signal: entry.signal, log, activeState: 'running', steps });
    if (rec.mutates && rec.target) {
      const since = deps.clock().toISOString();
      // Lost lock: another request may hold the target now, so this job stops acting on it.
      lock = await deps.locks.acquire(rec.target, { requestId, user: rec.requester, since }, () => entry.stop(undefined, true));
      // Issue 14: a GitOps change also holds its (repo, path), so two changes to one overlay never race.
      for (const t of rec.plan.extraLocks ?? []) extra.push(await deps.locks.acquire(t, { requestId, user: rec.requester, since }, () => entry.stop(undefined, true)));
      const now = await op.fingerprint(ctx, rec.plan);
      if (now !== rec.plan.fingerprint) throw new TargetChangedError();
    }
    await throwIfCancelRequested(deps, requestId);
    outcome = { result: await op.execute(ctx, rec.plan) };
  } catch (error) {
    outcome = { error };
  } finally {
    jobSignal?.removeEventListener('abort', onJobAbort);
    entry.done();
    // Free the target before announcing the end, so a request made on seeing the result is not told "busy".
    for (const l of [...extra, ...(lock ? [lock] : [])]) await l.release().catch((err: unknown) => log.warn({ err }, 'target lock release failed; it expires on its own'));
  }
  try {
    if ('result' in outcome) await finishWithResult(deps, rec, outcome.result, log);
    else await finishWithError(deps, rec, outcome.error, { entry, steps, attempt, log, op });
  } finally {
    await reportFinished(deps, rec, startedMs);
  }
}

async function reportFinished(deps: RunDeps, rec: RequestRecord, startedMs: number): Promise<void> {
  if (!deps.onJobFinished) return;
  const final = await deps.store.get(rec.id).catch(() => null);
  // A read-only job that will be retried has not finished yet.
  if (final && TERMINAL_STATES.has(final.state)) deps.onJobFinished(rec.invocation.command, final.state, (Date.now() - startedMs) / 1000);
}

/** A cancel published before this job registered in `running` is still honoured, before anything changes. */
async function throwIfCancelRequested(deps: RunDeps, requestId: string): Promise<void> {
  const fresh = await deps.store.get(requestId);
  if (fresh?.state === 'running' && fresh.decidedBy) {
    deps.running.cancel(requestId, fresh.decidedBy);
    throw new CancelledError();
  }
}

async function finishWithResult(deps: RunDeps, rec: RequestRecord, result: OperationResult, log: Logger): Promise<void> {
  const report = result.report;
  if (report) await notifySafely(log, () => deps.notifier.threadReply(rec.id, { kind: 'report', report }));
  for (const section of result.sections) await notifySafely(log, () => deps.notifier.threadReply(rec.id, { kind: 'section', section }));
  for (const f of result.files) await notifySafely(log, () => deps.notifier.threadFile(rec.id, f));
  const done = await deps.store.transition(rec.id, result.outcome === 'succeeded' ? TRANSITIONS.succeed : TRANSITIONS.fail, { result, status: result.summary });
  if (done.ok) await recordChange(deps, done.record, { action: result.outcome, actor: 'shipmate', result: result.summary });
  else if (!done.record) await reportLostRequest({ notifier: deps.notifier, logger: log }, rec, result.outcome, result.summary);
}

interface ErrorContext {
  entry: RunningJob;
  steps: StepLog;
  attempt: AttemptInfo;
  log: Logger;
  op: Operation | undefined;
}

async function finishWithError(deps: RunDeps, rec: RequestRecord, err: unknown, ec: ErrorContext): Promise<void> {
  const done = ec.steps.steps.length ? ec.steps.steps.join('; ') : 'nothing yet';
  if (ec.entry.lockLost) {
    await finishLockLost(deps, rec, done, ec.log);
    throw new UnrecoverableError('target lock lost');
  }
  if (ec.entry.cancelledBy !== null || err instanceof CancelledError) {
    const by = ec.entry.cancelledBy ?? 'shipmate';
    const reason = `cancelled while running; done so far: ${done}`;
    const res = await deps.store.transition(rec.id, TRANSITIONS.cancelRunning, { decidedBy: by, reason, status: 'cancelled' });
    if (res.ok) await recordChange(deps, res.record, { action: 'cancelled', actor: by, result: reason });
    else if (!res.record) await reportLostRequest({ notifier: deps.notifier, logger: ec.log }, rec, 'cancelled', reason);
    return;
  }
  const retryable = err instanceof ShipmateError && err.retryable;
  if (!rec.mutates && retryable && ec.attempt.made + 1 < ec.attempt.max) {
    ec.log.info({ err }, 'read-only job failed; retrying');
    throw err;
  }
  if (err instanceof ShipmateError) ec.log.warn({ err }, 'operation failed');
  else ec.log.error({ err }, 'operation failed unexpectedly');
  const reason = rec.mutates && ec.steps.steps.length ? `${userMessageOf(err)} (done so far: ${done})` : userMessageOf(err);
  const res = await deps.store.transition(rec.id, TRANSITIONS.fail, { reason, status: 'failed' });
  if (res.ok) await recordChange(deps, res.record, { action: 'failed', actor: 'shipmate', result: reason });
  else if (!res.record) await reportLostRequest({ notifier: deps.notifier, logger: ec.log }, rec, 'failed', reason);
  // Tell BullMQ not to retry: the request already carries the outcome.
  throw new UnrecoverableError(reason);
}

/**
 * The target lock vanished while the job held it (Redis lost it, or it expired while the worker
 * was stalled). Another request may now hold the target, so this job has stopped acting on it;
 * the request fails, and when its record is gone too the thread is told from memory.
 */
async function finishLockLost(deps: RunDeps, rec: RequestRecord, done: string, log: Logger): Promise<void> {
  const reason = `stopped: the target lock was lost mid-operation, so Shipmate stopped acting on the target; done so far: ${done}`;
  log.error({ done }, 'target lock lost mid-operation; stopped acting on the target');
  const res = await deps.store.transition(rec.id, TRANSITIONS.fail, { reason, status: 'failed' });
  if (res.ok) await recordChange(deps, res.record, { action: 'failed', actor: 'shipmate', result: reason });
  else if (!res.record) await reportLostRequest({ notifier: deps.notifier, logger: log }, rec, 'stopped (the target lock was lost mid-operation)', `done so far: ${done}`);
}
