import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log.js';
import type { RequestRecord } from '../core/request.js';
import { auditEventOf } from './record-change.js';
import type { RequestStore } from './request-store.js';

/**
 * How long a writer of a `requested` record has before another replica may take over. The creator
 * appends it before the ack, and Slack gives up on an ack after 3 s, so a creator still silent
 * after this is dead (or its append failed).
 */
export const REQUESTED_AUDIT_LEASE_MS = 5_000;

export interface RequestedAuditDeps {
  store: Pick<RequestStore, 'get' | 'unaudited' | 'claimRequestedAudit' | 'requestedAudited'>;
  audit: AuditLog;
  logger: Logger;
  clock: () => Date;
}

/**
 * The `requested` audit record of a new request. The store writes the request together with a
 * mark "requested not yet audited" (one Lua step), and only a successful append removes the mark.
 * The creator appends before it adds the plan job, so a plan job that finds the mark knows the
 * creator's attempt is over (it died, or the append failed) and writes the record itself, before
 * the request can move on; a retried Slack delivery finds the request already made and appends
 * nothing. `repairRequestedAudits` is the backstop for marks nobody else picks up.
 */
export async function auditRequested(deps: RequestedAuditDeps, rec: RequestRecord): Promise<boolean> {
  try {
    await deps.audit.append(auditEventOf(rec, { action: 'requested', actor: rec.requester, detail: rec.text }));
  } catch (err) {
    deps.logger.error({ err, requestId: rec.id }, 'audit append of "requested" failed; the plan job or the reconciler retries it');
    return false;
  }
  await deps.store.requestedAudited(rec.id);
  return true;
}

/** The plan job's first step: writes the `requested` record when its creator could not. */
export async function ensureRequestedAudited(deps: RequestedAuditDeps, rec: RequestRecord): Promise<void> {
  if (!(await deps.store.claimRequestedAudit(rec.id, REQUESTED_AUDIT_LEASE_MS, true))) return;
  await writeClaimed(deps, rec);
}

/**
 * Writes every `requested` record whose writer's lease ran out (it died, or its append failed).
 * The claim is atomic, so with all replicas repairing at once each record is written once.
 */
export async function repairRequestedAudits(deps: RequestedAuditDeps): Promise<number> {
  const now = deps.clock().getTime();
  let repaired = 0;
  for (const { id, leaseUntil } of await deps.store.unaudited()) {
    if (leaseUntil > now || !(await deps.store.claimRequestedAudit(id, REQUESTED_AUDIT_LEASE_MS))) continue;
    const rec = await deps.store.get(id);
    if (!rec) await deps.store.requestedAudited(id); // aged out: nothing left to audit
    else if (await writeClaimed(deps, rec)) repaired++;
  }
  return repaired;
}

async function writeClaimed(deps: RequestedAuditDeps, rec: RequestRecord): Promise<boolean> {
  // Written after all by a creator that died before clearing its mark: nothing left to write.
  if (await alreadyAudited(deps.audit, rec)) {
    await deps.store.requestedAudited(rec.id);
    return false;
  }
  const written = await auditRequested(deps, rec);
  if (written) deps.logger.warn({ requestId: rec.id }, 'wrote a "requested" audit record its creator never wrote');
  return written;
}

async function alreadyAudited(audit: AuditLog, rec: RequestRecord): Promise<boolean> {
  const since = new Date(Date.parse(rec.createdAt));
  return (await audit.read({ since, requestId: rec.id })).some((r) => r.event.action === 'requested');
}
