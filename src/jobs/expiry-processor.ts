import { TRANSITIONS } from './lifecycle.js';
import type { ExpiryDeps } from './pipeline-deps.js';
import { recordChange } from './record-change.js';

/** The delayed expiry job: an unapproved request past its deadline ends `expired`. */
export async function processExpiry(deps: ExpiryDeps, requestId: string): Promise<void> {
  const res = await deps.store.transition(requestId, TRANSITIONS.expire, {
    reason: 'no approval before the deadline',
    status: 'expired',
  });
  if (res.ok) await recordChange(deps, res.record, { action: 'expired', actor: 'shipmate', detail: `deadline ${res.record.expiresAt ?? ''}` });
}
