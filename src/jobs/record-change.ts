import type { Logger } from 'pino';
import type { AuditAction, AuditEvent } from '../audit/audit-record.js';
import { recordSafely } from '../audit/record-safely.js';
import type { RequestRecord } from '../core/request.js';
import { describeTarget } from '../core/target.js';
import type { ChangeDeps } from './pipeline-deps.js';

export interface ChangeNote {
  action: AuditAction;
  actor: string;
  decision?: string;
  result?: string;
  detail?: string;
  /** False when the card is scheduled elsewhere (the plan job posts a new request's card). */
  card?: boolean;
}

/** The child logger for one request: every line carries who asked for what, where. */
export function requestLogger(logger: Logger, rec: RequestRecord): Logger {
  return logger.child({
    requestId: rec.id,
    user: rec.requester,
    command: rec.invocation.command,
    cluster: rec.scope?.cluster ?? null,
  });
}

/**
 * Every state change is an audit event and a card update; neither may fail the work. They are
 * independent (the card renders the latest record whenever it runs), so they go out together.
 */
export async function recordChange(deps: ChangeDeps, rec: RequestRecord, note: ChangeNote): Promise<void> {
  // The request's child logger is made only when something goes wrong: building one (with its
  // bindings redacted) on every change is measurable on the slash-command path.
  const log = (): Logger => requestLogger(deps.logger, rec);
  const event = auditEventOf(rec, note);
  await Promise.all([recordSafely(deps.audit, event, log), note.card === false ? undefined : notifySafely(log, () => deps.notifier.cardChanged(rec.id))]);
}

/** The audit event of one change of `rec`. */
export function auditEventOf(rec: RequestRecord, note: ChangeNote): AuditEvent {
  return {
    requestId: rec.id,
    actor: note.actor,
    action: note.action,
    command: rec.invocation.command,
    target: rec.target ? describeTarget(rec.target) : '-',
    ...(rec.plan ? { fingerprint: rec.plan.fingerprint } : {}),
    ...(note.decision !== undefined ? { decision: note.decision } : {}),
    ...(note.result !== undefined ? { result: note.result } : {}),
    ...(note.detail !== undefined ? { detail: note.detail } : {}),
  };
}

/** Slack problems never fail cluster work: a notifier error is logged and dropped. */
export async function notifySafely(log: Logger | (() => Logger), send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    (typeof log === 'function' ? log() : log).warn({ err }, 'notifier call failed; continuing');
  }
}
