import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestState } from '../../../src/core/request.js';
import type { Pipeline } from '../../../src/jobs/pipeline.js';
import { eventually, fakeRollback, fakeTarget, harness, recordingNotifier, rollback, scope, testPolicy, uniquePrefix } from './helpers.js';
import { registryOf } from '../../../src/core/operation.js';

const h = harness(uniquePrefix('approvals'));
const target = fakeTarget();
const approvers = Array.from({ length: 20 }, (_, i) => `U_APP${i}`);
const policyOpts = { approvals: 3, approvers, ttlMs: 60_000 };
let pipeline: Pipeline;
let n = 0;

async function submitted(): Promise<string> {
  const app = `svc${++n}`;
  const res = await pipeline.submit({ invocation: { ...rollback, app }, text: `rollback ${app} prod`, scope: { ...scope, app }, requester: 'U_REQ', channel: 'C1' });
  if (!('request' in res)) throw new Error(res.rejected);
  return res.request.id;
}

const inState = (id: string, state: RequestState) =>
  eventually(async () => {
    const r = await pipeline.get(id);
    return r?.state === state ? r : null;
  });

beforeAll(async () => {
  pipeline = h.make({ operations: registryOf([fakeRollback(target)]), policy: testPolicy(policyOpts), notifier: recordingNotifier() });
  await pipeline.start();
});
afterAll(() => h.cleanup());

describe('approvals', () => {
  it('needs N distinct approvers; a repeated click does not count twice', async () => {
    const id = await submitted();
    await inState(id, 'awaiting_approval');
    expect((await pipeline.approve(id, 'U_APP0', new Set())).message).toBe('approval recorded (1/3)');
    expect(await pipeline.approve(id, 'U_APP0', new Set())).toEqual({ ok: false, message: `you already approved ${id}` });
    expect((await pipeline.approve(id, 'U_APP1', new Set())).message).toBe('approval recorded (2/3)');
    expect((await pipeline.get(id))?.state).toBe('awaiting_approval');
    expect((await pipeline.approve(id, 'U_APP2', new Set())).message).toContain('approved (3/3)');
    await inState(id, 'succeeded');
  });

  it('twenty concurrent approvals from different users run exactly one job', async () => {
    const before = target.executions;
    const id = await submitted();
    await inState(id, 'awaiting_approval');
    const results = await Promise.all(approvers.map((u) => pipeline.approve(id, u, new Set())));
    const rec = await inState(id, 'succeeded');
    expect(results.filter((r) => r.ok && r.message.includes('is queued'))).toHaveLength(1);
    expect(rec.approvals).toHaveLength(3);
    expect(new Set(rec.approvals.map((a) => a.user)).size).toBe(3);
    expect(target.executions).toBe(before + 1);
    const actions = (await h.audit.read({ requestId: id })).map((r) => r.event.action);
    expect(actions.filter((a) => a === 'queued')).toHaveLength(1);
    expect(actions.filter((a) => a === 'running')).toHaveLength(1);
  });

  it('expires an unapproved request at its deadline; a later click is told so', async () => {
    policyOpts.ttlMs = 150;
    try {
      const id = await submitted();
      const expired = await inState(id, 'expired');
      expect(expired.reason).toBe('no approval before the deadline');
      const late = await pipeline.approve(id, 'U_APP0', new Set());
      expect(late.ok).toBe(false);
      expect(late.message).toMatch(/^this request expired/);
      await eventually(async () => (await h.audit.read({ requestId: id })).some((r) => r.event.action === 'expired'));
    } finally {
      policyOpts.ttlMs = 60_000;
    }
  });

  it('a no-op plan ends succeeded without approvals', async () => {
    // Its own prefix: the shared pipeline's workers would plan with the other operation.
    const own = harness(uniquePrefix('noop'));
    const noopPipeline = own.make({ operations: registryOf([fakeRollback(target, { noop: true })]), policy: testPolicy(policyOpts), notifier: recordingNotifier() });
    const res = await noopPipeline.submit({ invocation: rollback, text: 'rollback api prod', scope, requester: 'U_REQ', channel: 'C1' });
    if (!('request' in res)) throw new Error(res.rejected);
    try {
      await noopPipeline.start();
      const done = await eventually(async () => {
        const r = await noopPipeline.get(res.request.id);
        return r?.state === 'succeeded' ? r : null;
      });
      expect(done.reason).toMatch(/^nothing to do/);
      expect(done.approvals).toEqual([]);
    } finally {
      await own.cleanup();
    }
  });

  it('answers "not available yet" for a command without an operation', async () => {
    const none = h.make({ operations: registryOf([]), policy: testPolicy(policyOpts), notifier: recordingNotifier() });
    const res = await none.submit({ invocation: rollback, text: 'rollback api prod', scope, requester: 'U_REQ', channel: 'C1' });
    expect(res).toEqual({ rejected: '`rollback` is not available yet' });
  });
});
