import { userMessageOf } from '../core/errors.js';
import { describeTarget } from '../core/target.js';
import { hasScope, operationContext } from './op-context.js';
import { TRANSITIONS } from './lifecycle.js';
import type { InterruptDeps } from './pipeline-deps.js';
import { notifySafely, recordChange, requestLogger } from './record-change.js';

/**
 * A mutation whose worker died mid-way ends `interrupted` and is never re-run: a half-done
 * rollback repeated blindly is worse than a human looking first. The CAS running → interrupted
 * makes this idempotent, so with several replicas noticing the stall only one acts.
 */
export async function markInterrupted(deps: InterruptDeps, requestId: string): Promise<boolean> {
  const res = await deps.store.transition(requestId, TRANSITIONS.interrupt, {
    reason: 'the worker running it stopped mid-operation; it was not repeated',
  });
  if (!res.ok) return false;
  const rec = res.record;
  const log = requestLogger(deps.logger, rec);
  log.warn('mutation interrupted: its worker stopped mid-operation');
  if (rec.target) {
    try {
      await deps.locks.forceRelease(rec.target, rec.id);
    } catch (err) {
      log.warn({ err }, 'could not release the dead worker’s target lock; it expires on its own');
    }
  }
  const current = await currentState(deps, rec);
  const target = rec.target ? describeTarget(rec.target) : null;
  await notifySafely(log, () => deps.notifier.threadReply(rec.id, { kind: 'interrupted', requestId: rec.id, target, currentState: current }));
  await recordChange(deps, rec, { action: 'interrupted', actor: 'shipmate', result: rec.reason ?? 'interrupted' });
  return true;
}

async function currentState(deps: InterruptDeps, rec: Parameters<typeof hasScope>[0]): Promise<string> {
  const op = deps.operations.get(rec.invocation.command);
  if (!op?.describeCurrentState || !hasScope(rec)) return 'not available for this command';
  const log = requestLogger(deps.logger, rec);
  try {
    const ctx = operationContext(deps, rec, { signal: new AbortController().signal, log, activeState: 'interrupted', steps: { steps: [] } });
    return await op.describeCurrentState(ctx);
  } catch (err) {
    log.warn({ err }, 'could not describe the target after an interruption');
    return `could not be read (${userMessageOf(err)})`;
  }
}
