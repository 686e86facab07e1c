import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jobIdOf } from '../../../src/jobs/names.js';
import type { RequestRecord, RequestState } from '../../../src/core/request.js';
import type { Pipeline } from '../../../src/jobs/pipeline.js';
import { createRequestStore } from '../../../src/jobs/request-store.js';
import { walkTo } from '../../support/lifecycle-walk.js';
import { eventually, fakeRollback, fakeTarget, harness, recordingNotifier, REDIS_URL, rollback, scope, testPolicy, uniquePrefix } from './helpers.js';
import { registryOf } from '../../../src/core/operation.js';

/**
 * A replica that dies between two Redis steps leaves a request half-way. These tests put a request
 * in each such spot by hand (as the dead replica would have left it) and let a live pipeline's
 * reconciler finish the step.
 */
const prefix = uniquePrefix('reconcile');
const h = harness(prefix);
const target = fakeTarget();
let pipeline: Pipeline;
let n = 0;

const store = createRequestStore({ redis: h.redis, prefix });

async function orphan(state: RequestState): Promise<RequestRecord> {
  const app = `orphan${++n}`;
  const { record } = await store.create({
    invocation: { ...rollback, app },
    text: `rollback ${app} prod`,
    scope: { ...scope, app },
    target: { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: app },
    mutates: true,
    requester: 'U_REQ',
    channel: 'C1',
    approvalsRequired: 0,
  });
  if (state === 'requested') return record;
  const plan = { target: record.target!, summary: 'roll back', diff: '', dryRun: { performed: false, ok: true, warnings: [] }, fingerprint: target.fingerprint, noop: false, facts: {} };
  return walkTo(store, record.id, state, { plan });
}

const finished = (id: string) =>
  eventually(async () => {
    const r = await pipeline.get(id);
    return r && ['succeeded', 'failed', 'interrupted'].includes(r.state) ? r : null;
  });

beforeAll(async () => {
  pipeline = h.make({
    operations: registryOf([fakeRollback(target)]),
    policy: testPolicy({ approvals: 0, approvers: [] }),
    notifier: recordingNotifier(),
    worker: { concurrency: 4, lockDurationMs: 1_000, stalledIntervalMs: 500, targetLockTimeoutMs: 3_000 },
  });
  await pipeline.start();
});
afterAll(() => h.cleanup());

describe('reconciler finishes steps a dead replica left half-done', () => {
  it('requested without a plan job → planned and run', async () => {
    const rec = await orphan('requested');
    expect((await finished(rec.id)).state).toBe('succeeded');
  });

  it('approved but never queued → queued and run', async () => {
    const rec = await orphan('approved');
    expect((await finished(rec.id)).state).toBe('succeeded');
  });

  it('queued without its op job → the job is added and runs once', async () => {
    const rec = await orphan('queued');
    const done = await finished(rec.id);
    expect(done.state).toBe('succeeded');
    const running = (await h.audit.read({ requestId: rec.id })).filter((r) => r.event.action === 'running');
    expect(running).toHaveLength(1);
  });

  it('created, but killed before its "requested" audit record landed → written once, even when Slack redelivers', async () => {
    // The dead replica's store: its creator's lease on the audit record runs out at once.
    const dying = createRequestStore({ redis: h.redis, prefix, auditLeaseMs: 1 });
    const app = `unaudited${++n}`;
    const submitted = {
      invocation: { ...rollback, app },
      text: `rollback ${app} prod`,
      scope: { ...scope, app },
      requester: 'U_REQ',
      channel: 'C1',
      idempotencyKey: `trigger:${app}`,
    };
    const { record } = await dying.create(
      { ...submitted, target: { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: app }, mutates: true, approvalsRequired: 0 },
      submitted.idempotencyKey,
    );
    // Slack redelivers the unacked command to a live replica: it finds the request already made.
    const retried = await pipeline.submit(submitted);
    expect('request' in retried && retried.request.id).toBe(record.id);
    expect((await finished(record.id)).state).toBe('succeeded');
    const requested = await eventually(async () => {
      const r = (await h.audit.read({ requestId: record.id })).filter((x) => x.event.action === 'requested');
      return r.length > 0 ? r : null;
    });
    // Once the mark is gone no replica can write it again.
    await eventually(async () => !(await dying.unaudited()).some((u) => u.id === record.id));
    expect((await h.audit.read({ requestId: record.id })).filter((x) => x.event.action === 'requested')).toHaveLength(1);
    expect(requested[0]?.event.actor).toBe('U_REQ');
    expect(requested[0]?.event.detail).toBe(`rollback ${app} prod`);
  });
});

describe('an op job whose worker died before it marked the request running', () => {
  const prefix2 = uniquePrefix('reconcile-stall');
  const h2 = harness(prefix2);
  const store2 = createRequestStore({ redis: h2.redis, prefix: prefix2 });
  afterAll(() => h2.cleanup());

  it('is failed as stalled by BullMQ, then retried by the reconciler (nothing had run), and succeeds once', async () => {
    const { record } = await store2.create({
      invocation: { ...rollback, app: 'stalled' },
      text: 'rollback stalled prod',
      scope: { ...scope, app: 'stalled' },
      target: { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: 'stalled' },
      mutates: true,
      requester: 'U_REQ',
      channel: 'C1',
      approvalsRequired: 0,
    });
    const plan = { target: record.target!, summary: 'roll back', diff: '', dryRun: { performed: false, ok: true, warnings: [] }, fingerprint: target.fingerprint, noop: false, facts: {} };
    expect((await walkTo(store2, record.id, 'queued', { plan })).state).toBe('queued');

    // A worker takes the job and dies at once: its lock is never renewed and the job never finishes.
    const queue = new Queue('mutations', { connection: h2.redis, prefix: `${prefix2}:q` });
    const doomed = new Worker('mutations', null, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: `${prefix2}:q`, lockDuration: 500 });
    await queue.add('rollback', { requestId: record.id }, { jobId: jobIdOf('op', record.id) });
    const taken = await doomed.getNextJob('dead-worker-token');
    expect(taken?.id).toBe(jobIdOf('op', record.id));

    const survivor = h2.make({
      operations: registryOf([fakeRollback(target)]),
      policy: testPolicy({ approvals: 0, approvers: [] }),
      notifier: recordingNotifier(),
      worker: { concurrency: 2, lockDurationMs: 1_000, stalledIntervalMs: 500, targetLockTimeoutMs: 3_000 },
    });
    await survivor.start();
    const done = await eventually(async () => {
      const r = await survivor.get(record.id);
      return r && ['succeeded', 'failed', 'interrupted'].includes(r.state) ? r : null;
    });
    expect(done.state).toBe('succeeded');
    const running = (await h2.audit.read({ requestId: record.id })).filter((r) => r.event.action === 'running');
    expect(running).toHaveLength(1);
    await queue.close();
    await doomed.close(true);
  });
});
