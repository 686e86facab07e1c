import type { KubeObject } from '../../types.js';
import { now } from '../context.js';
import type { AppSpec, AppStatus, HistoryEntry, Operation, OperationState } from './types.js';

/** Argo CD's default `spec.revisionHistoryLimit`. */
export const DEFAULT_HISTORY_LIMIT = 10;

export function startOperation(status: AppStatus, op: Operation, startedAt: string): void {
  status.operationState = { operation: op, phase: 'Running', message: 'one or more tasks are running', startedAt };
}

export interface FinishInput {
  status: AppStatus;
  spec: AppSpec;
  op: Operation;
  phase: 'Succeeded' | 'Failed' | 'Error';
  message: string;
  startedAt: string;
  extra: { syncResult?: OperationState['syncResult']; history?: boolean };
}

/**
 * End an operation as Argo CD does: terminal operationState with finishedAt, a history entry for a
 * successful sync (ids increase, trimmed to revisionHistoryLimit), and `.operation` removed.
 */
export function finishOperation(app: KubeObject, f: FinishInput): void {
  const finishedAt = now();
  f.status.operationState = {
    operation: f.op,
    phase: f.phase,
    message: f.message,
    ...(f.extra.syncResult ? { syncResult: f.extra.syncResult } : {}),
    startedAt: f.startedAt,
    finishedAt,
  };
  if (f.phase === 'Succeeded' && f.extra.history && f.extra.syncResult) {
    const history: HistoryEntry[] = [...(f.status.history ?? [])];
    const last = history[history.length - 1];
    history.push({
      id: last ? last.id + 1 : 0,
      revision: f.extra.syncResult.revision,
      deployedAt: finishedAt,
      deployStartedAt: f.startedAt,
      ...(f.extra.syncResult.source ? { source: f.extra.syncResult.source } : {}),
      initiatedBy: f.op.initiatedBy ?? {},
    });
    const limit = typeof f.spec.revisionHistoryLimit === 'number' && f.spec.revisionHistoryLimit >= 0 ? f.spec.revisionHistoryLimit : DEFAULT_HISTORY_LIMIT;
    f.status.history = history.slice(Math.max(0, history.length - limit));
  }
  delete app.operation;
}
