import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, eventually, fakeRollback, fakeTarget, harness, holdExecution, recordingNotifier, rollback, scope, testPolicy, uniquePrefix } from './helpers.js';
import type { Harness, RecordingNotifier } from './helpers.js';
import { registryOf } from '../../../src/core/operation.js';

/**
 * Redis loses its data while a mutation runs (a restart without persistence, a failover to an
 * empty replica). Simulated by deleting every key under this file's prefix: the request record,
 * its jobs, the audit chain and the target lock all vanish at once. The job must still tell the
 * thread what it knows, from memory, and must not act on the target again once its lock is gone.
 */
// One harness per test: a pipeline left from the first must not take the second's jobs.
const lost1 = harness(uniquePrefix('store-lost1'));
const lost2 = harness(uniquePrefix('store-lost2'));
afterAll(() => Promise.all([lost1.cleanup(), lost2.cleanup()]));

function lostNotices(notifier: RecordingNotifier, id: string): string[] {
  return notifier.events.flatMap((e) => (e.kind === 'channel' && e.message.text.includes(id) ? [e.message.text] : []));
}

async function startRollback(h: Harness, app: string, notifier: RecordingNotifier) {
  const target = fakeTarget();
  holdExecution(target);
  const pipeline = h.make({
    operations: registryOf([fakeRollback(target)]),
    policy: testPolicy({ approvals: 1, approvers: ['U_APP'] }),
    notifier,
    worker: { concurrency: 2, lockDurationMs: 2_000, stalledIntervalMs: 1_000, targetLockTimeoutMs: 1_500 },
  });
  await pipeline.start();
  const res = await pipeline.submit({ invocation: { ...rollback, app }, text: `rollback ${app} prod`, scope: { ...scope, app }, requester: 'U_REQ', channel: 'C1' });
  if (!('request' in res)) throw new Error(res.rejected);
  const id = res.request.id;
  // The card exists before the job starts, as in production (the plan job posts it).
  await pipeline.setCardTs(id, '1700000000.000100');
  await eventually(async () => (await pipeline.get(id))?.state === 'awaiting_approval');
  const approved = await pipeline.approve(id, 'U_APP', new Set());
  if (!approved.ok) throw new Error(approved.message);
  await target.started;
  return { target, id };
}

describe('Redis loses its data while a mutation runs', () => {
  it('reports the outcome it saw to the thread, from memory, when the record is gone', async () => {
    const notifier = recordingNotifier();
    const { target, id } = await startRollback(lost1, 'lost1', notifier);
    await deleteKeys(lost1.redis, `*${lost1.prefix}*`);
    target.release();

    const [notice] = await eventually(async () => {
      const n = lostNotices(notifier, id);
      return n.length > 0 ? n : null;
    });
    expect(notice).toContain('outcome recorded locally: succeeded');
    expect(notice).toContain("Shipmate's state store lost this request");
    const where = notifier.events.find((e) => e.kind === 'channel');
    expect(where?.kind === 'channel' && where.channel).toBe('C1');
    expect(where?.kind === 'channel' && where.message.threadTs).toBe('1700000000.000100');
    expect(target.image).toBe('v1');
  });

  it('stops acting on a target whose lock it lost, and says so', async () => {
    const notifier = recordingNotifier();
    const { target, id } = await startRollback(lost2, 'lost2', notifier);
    await deleteKeys(lost2.redis, `*${lost2.prefix}*`);

    // The lock's next refresh finds it gone; the job stops before its next step and reports.
    const [notice] = await eventually(async () => {
      const n = lostNotices(notifier, id);
      return n.length > 0 ? n : null;
    });
    expect(notice).toContain('outcome recorded locally: stopped');
    expect(notice).toContain('target lock');
    expect(notice).toContain("Shipmate's state store lost this request");
    target.release();
    await new Promise((r) => setImmediate(r));
    expect(target.image).toBe('v2'); // the rest of the rollback never ran
    expect(target.executions).toBe(1);
    expect(lostNotices(notifier, id)).toHaveLength(1);
  });
});
