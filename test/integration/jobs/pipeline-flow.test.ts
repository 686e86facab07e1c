import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord, RequestState } from '../../../src/core/request.js';
import type { Pipeline } from '../../../src/jobs/pipeline.js';
import { registryOf } from '../../../src/core/operation.js';
import {
  eventually,
  fakeRollback,
  fakeTarget,
  harness,
  holdExecution,
  recordingNotifier,
  rollback,
  scope,
  testPolicy,
  uniquePrefix,
  type FakeTarget,
  type Harness,
} from './helpers.js';

const h: Harness = harness(uniquePrefix('flow'));
const target: FakeTarget = fakeTarget();
const readTarget: FakeTarget = fakeTarget();
const notifier = recordingNotifier();
let pipeline: Pipeline;
let n = 0;

// Each test acts on its own app so the per-target lock never couples tests.
function submit(app = `api${++n}`, requester = 'U_REQ', idempotencyKey?: string) {
  return pipeline.submit({
    invocation: { ...rollback, app },
    text: `rollback ${app} prod`,
    scope: { ...scope, app },
    requester,
    channel: 'C1',
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

async function submitted(app?: string): Promise<RequestRecord> {
  const res = await submit(app);
  if (!('request' in res)) throw new Error(res.rejected);
  return res.request;
}

const inState = (id: string, state: RequestState) =>
  eventually(async () => {
    const r = await pipeline.get(id);
    return r?.state === state ? r : null;
  });

beforeAll(async () => {
  pipeline = h.make({ operations: registryOf([fakeRollback(target), fakeRollback(readTarget, { mutates: false, command: 'status' })]), policy: testPolicy({ approvals: 1, approvers: ['S0SRE', 'U_A1'] }), notifier });
  await pipeline.start();
});
afterAll(() => h.cleanup());

describe('pipeline lifecycle', () => {
  it('runs requested → awaiting_approval → approved → queued → running → succeeded, audited', async () => {
    const req = await submitted();
    expect(req.state).toBe('requested');
    const waiting = await inState(req.id, 'awaiting_approval');
    expect(waiting.plan?.fingerprint).toBe(target.fingerprint);
    expect(waiting.expiresAt).not.toBeNull();

    const res = await pipeline.approve(req.id, 'U_A1', new Set());
    expect(res.ok).toBe(true);
    const done = await inState(req.id, 'succeeded');
    expect(done.result?.summary).toBe('rolled back to v1');
    expect(done.approvals.map((a) => a.user)).toEqual(['U_A1']);
    expect(notifier.replies(req.id)).toEqual(['patched the deployment', '*Rollout*\n3/3 ready']);

    // The audit line follows the state change; wait for it rather than race it.
    const actions = await eventually(async () => {
      const a = (await h.audit.read({ requestId: req.id })).map((r) => r.event.action);
      return a.includes('succeeded') ? a : null;
    });
    expect(actions).toEqual(['requested', 'plan', 'approved', 'queued', 'running', 'succeeded']);
    expect((await h.audit.verify()).ok).toBe(true);
  });

  it('refuses self-approval and non-approvers with the policy message', async () => {
    const req = await submitted();
    await inState(req.id, 'awaiting_approval');
    // `refusal` carries policy's rule, so the Slack layer can audit the refused attempt.
    expect(await pipeline.approve(req.id, 'U_REQ', new Set(['S0SRE']))).toEqual({
      ok: false,
      message: 'you cannot approve your own request',
      refusal: { rule: 'no-self-approval', message: 'you cannot approve your own request' },
    });
    expect(await pipeline.approve(req.id, 'U_RANDOM', new Set())).toMatchObject({ ok: false, message: 'only members of S0SRELEADS may approve in prod', refusal: { message: 'only members of S0SRELEADS may approve in prod' } });
    expect((await pipeline.get(req.id))?.state).toBe('awaiting_approval');
  });

  it('returns the same request for a repeated idempotency key', async () => {
    const a = await submit('api-idem', 'U_REQ', 'trigger-123');
    const b = await submit('api-idem', 'U_REQ', 'trigger-123');
    if (!('request' in a) || !('request' in b)) throw new Error('rejected');
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.request.id).toBe(a.request.id);
  });

  it('denies: an approver denies, the requester cannot', async () => {
    const req = await submitted();
    await inState(req.id, 'awaiting_approval');
    expect((await pipeline.deny(req.id, 'U_REQ', new Set())).ok).toBe(false);
    const res = await pipeline.deny(req.id, 'U_X', new Set(['S0SRE']));
    expect(res.ok && res.request.state).toBe('denied');
    expect((await pipeline.approve(req.id, 'U_A1', new Set())).ok).toBe(false);
  });

  it('fails with "target changed" when the fingerprint moved after approval', async () => {
    const req = await submitted();
    await inState(req.id, 'awaiting_approval');
    const before = target.executions;
    target.fingerprint = 'uid-1/rv-2';
    await pipeline.approve(req.id, 'U_A1', new Set());
    const failed = await inState(req.id, 'failed');
    expect(failed.reason).toBe('target changed since it was approved; please make a new request');
    expect(target.executions).toBe(before);
  });

  it('cancels a queued request and a running one', async () => {
    const req = await submitted();
    await inState(req.id, 'awaiting_approval');
    const cancelled = await pipeline.cancel(req.id, 'U_REQ');
    expect(cancelled.ok && cancelled.request.state).toBe('cancelled');

    holdExecution(target);
    const running = await submitted();
    await inState(running.id, 'awaiting_approval');
    await pipeline.approve(running.id, 'U_A1', new Set());
    await target.started;
    expect((await pipeline.cancel(running.id, 'U_A1')).ok).toBe(true);
    const end = await inState(running.id, 'cancelled');
    expect(end.reason).toContain('done so far: patched the deployment');
    target.gate = null;
  });

  it('runs a read-only command at once: no approval, reads queue', async () => {
    const res = await pipeline.submit({ invocation: { command: 'status', app: 'api', env: 'prod' }, text: 'status api prod', scope, requester: 'U_REQ', channel: 'C1' });
    if (!('request' in res)) throw new Error(res.rejected);
    const done = await inState(res.request.id, 'succeeded');
    expect(done.approvals).toEqual([]);
    expect(done.mutates).toBe(false);
    expect(readTarget.executions).toBe(1);
  });

  it('lists active requests per environment', async () => {
    const req = await submitted();
    await inState(req.id, 'awaiting_approval');
    const active = await pipeline.list({ env: 'prod', active: true });
    expect(active.map((r) => r.id)).toContain(req.id);
    expect(active.every((r) => !['succeeded', 'failed', 'cancelled', 'denied'].includes(r.state))).toBe(true);
  });
});
