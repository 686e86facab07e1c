import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestState } from '../../../src/core/request.js';
import { NEXT, TRANSITIONS, type TransitionName } from '../../../src/jobs/lifecycle.js';
import { createRequestStore, type TransitionResult } from '../../../src/jobs/request-store.js';
import { deleteKeys, REDIS_URL, rollback, scope, uniquePrefix } from './helpers.js';

/**
 * Random sequences of what happens to a request in production (the plan job's verdicts, Approve
 * clicks, Deny, Cancel, the expiry job, enqueue, a worker starting and finishing, a worker
 * crashing mid-run) run against the real store, several at once, through the lifecycle table.
 * However they interleave, a request's history is a path through the table: it starts at
 * `requested`, every step is an allowed edge, no state appears twice, nothing follows a terminal state.
 */
const prefix = uniquePrefix('lifecycle-prop');
const redis = new Redis(REDIS_URL);
const store = createRequestStore({ redis, prefix });
afterAll(async () => {
  await deleteKeys(redis, `*${prefix}*`);
  await redis.quit();
});

type Event = { kind: 'step'; name: Exclude<TransitionName, 'approve'> } | { kind: 'click'; user: 'U1' | 'U2' | 'U3' };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.constantFrom(...(Object.keys(TRANSITIONS) as TransitionName[]).filter((n) => n !== 'approve')).map((name) => ({ kind: 'step', name }) as Event),
  fc.constantFrom('U1', 'U2', 'U3').map((user) => ({ kind: 'click', user }) as Event),
);

async function apply(id: string, e: Event): Promise<TransitionResult> {
  if (e.kind === 'step') return store.transition(id, TRANSITIONS[e.name]);
  const res = await store.addApproval(id, e.user, TRANSITIONS.approve);
  return res.record && !res.duplicate && res.approvals.some((a) => a.user === e.user) ? { ok: true, record: res.record } : { ok: false, record: res.record };
}

describe('the lifecycle under random events', () => {
  it('never skips or repeats a state, however events interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.array(fc.array(event, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), async (approvals, batches) => {
        const { record } = await store.create({
          invocation: rollback,
          text: 'rollback api prod',
          scope,
          target: { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: 'api' },
          mutates: true,
          requester: 'U_REQ',
          channel: 'C1',
          approvalsRequired: approvals,
        });
        const writes: { version: number; state: RequestState }[] = [{ version: record.version, state: record.state }];
        for (const batch of batches) {
          const results = await Promise.all(batch.map((e) => apply(record.id, e)));
          for (const r of results) if (r.ok) writes.push({ version: r.record.version, state: r.record.state });
        }
        writes.sort((a, b) => a.version - b.version);
        // Every successful write has its own version: no two writers won the same CAS.
        expect(new Set(writes.map((w) => w.version)).size).toBe(writes.length);
        // Partial approvals write without changing state; the states in order are the history.
        const history = writes.map((w) => w.state).filter((s, i, all) => i === 0 || s !== all[i - 1]);
        expect(history[0]).toBe('requested');
        for (let i = 1; i < history.length; i++) expect(NEXT[history[i - 1]!], history.join(' → ')).toContain(history[i]);
        expect(new Set(history).size, history.join(' → ')).toBe(history.length);
        const stored = await store.get(record.id);
        expect(stored?.state).toBe(history[history.length - 1]);
        expect(stored?.version).toBe(writes[writes.length - 1]!.version);
      }),
      { numRuns: 60 },
    );
  });
});
