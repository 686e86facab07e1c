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
 * mark "requested not yet audited" (one Lua step), and only a successful append removes the mark:
 * a replica killed between the two leaves the mark for `repairRequestedAudits`, so the record is
 * never lost (a retried Slack delivery finds the request already created and appends nothing).
 */
export async function auditRequested(deps: RequestedAuditDeps, rec: RequestRecord): Promise<boolean> {
  try {
    await deps.audit.append(auditEventOf(rec, { action: 'requested', actor: rec.requester, detail: rec.text }));
  } catch (err) {
    deps.logger.error({ err, requestId: rec.id }, 'audit append of "requested" failed; the reconciler retries it');
    return false;
  }
  await deps.store.requestedAudited(rec.id);
  return true;
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
    // Aged out, or written after all by a creator that was only slow: nothing left to write.
    if (!rec || (await alreadyAudited(deps.audit, rec))) {
      await deps.store.requestedAudited(id);
      continue;
    }
    if (await auditRequested(deps, rec)) {
      deps.logger.warn({ requestId: id }, 'reconciler wrote a "requested" audit record a dead replica never wrote');
      repaired++;
    }
  }
  return repaired;
}

async function alreadyAudited(audit: AuditLog, rec: RequestRecord): Promise<boolean> {
  const since = new Date(Date.parse(rec.createdAt));
  return (await audit.read({ since, requestId: rec.id })).some((r) => r.event.action === 'requested');
}
