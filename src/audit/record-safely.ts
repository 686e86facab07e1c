import type { Logger } from 'pino';
import type { AuditLog } from './audit-log.js';
import type { AuditEvent } from './audit-record.js';

/**
 * Appends an audit event and never throws: an audit-sink outage must not fail or undo cluster
 * work, so the failure is logged (with the event, which holds no secrets) for later repair.
 * `logger` may be a function, so that a per-request child logger is only built when needed.
 */
export async function recordSafely(audit: AuditLog, event: AuditEvent, logger: Logger | (() => Logger)): Promise<void> {
  try {
    await audit.append(event);
  } catch (err) {
    (typeof logger === 'function' ? logger() : logger).error({ err, audit: event }, 'audit append failed; the event is only in this log line');
  }
}
