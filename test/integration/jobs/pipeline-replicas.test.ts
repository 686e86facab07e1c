import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestState } from '../../../src/core/request.js';
import type { Pipeline } from '../../../src/jobs/pipeline.js';
import { eventually, fakeRollback, fakeTarget, harness, holdExecution, recordingNotifier, rollback, scope, testPolicy, uniquePrefix } from './helpers.js';
import { registryOf } from '../../../src/core/operation.js';

const h = harness(uniquePrefix('replicas'));
const target = fakeTarget();
const policy = testPolicy({ approvals: 1, approvers: ['U_A1'] });
// `front` is a replica that only talks to users (no workers); `back` runs the jobs.
let front: Pipeline;
let back: Pipeline;

const inState = (id: string, state: RequestState) =>
  eventually(async () => {
    const r = await front.get(id);
    return r?.state === state ? r : null;
  });

async function submitted(app: string): Promise<string> {
  const res = await front.submit({ invocation: { ...rollback, app }, text: `rollback ${app} prod`, scope: { ...scope, app }, requester: 'U_REQ', channel: 'C1' });
  if (!('request' in res)) throw new Error(res.rejected);
  return res.request.id;
}

beforeAll(async () => {
  front = h.make({ operations: registryOf([fakeRollback(target)]), policy, notifier: recordingNotifier() });
  back = h.make({ operations: registryOf([fakeRollback(target)]), policy, notifier: recordingNotifier() });
  await back.start();
});
afterAll(() => h.cleanup());

describe('several replicas', () => {
  it('a cancel on one replica stops the job running on another (pub/sub)', async () => {
    holdExecution(target);
    const id = await submitted('cancel-me');
    await inState(id, 'awaiting_approval');
    await front.approve(id, 'U_A1', new Set());
    await inState(id, 'running');
    await target.started;
    const res = await front.cancel(id, 'U_REQ');
    expect(res.ok).toBe(true);
    const end = await inState(id, 'cancelled');
    expect(end.decidedBy).toBe('U_REQ');
    expect(end.reason).toContain('cancelled while running; done so far: patched the deployment');
    target.gate = null;
  });

  it('tells a second request for a busy target who holds it and since when', async () => {
    holdExecution(target);
    const first = await submitted('busy');
    const second = await submitted('busy'); // planned before the first takes the lock
    await inState(first, 'awaiting_approval');
    await inState(second, 'awaiting_approval');
    await front.approve(first, 'U_A1', new Set());
    await target.started; // the lock is held from before execute until the end

    const third = await front.submit({ invocation: { ...rollback, app: 'busy' }, text: 'rollback busy prod', scope: { ...scope, app: 'busy' }, requester: 'U_OTHER', channel: 'C1' });
    expect('rejected' in third ? third.rejected : 'not rejected').toMatch(new RegExp(`deployment/busy in c1/shop is busy: ${first} holds it since \\d{4}-`));
    expect('busy' in third ? third.busy?.holder.user : 'no holder').toBe('U_REQ');

    await front.approve(second, 'U_A1', new Set());
    const failed = await inState(second, 'failed');
    expect(failed.reason).toContain(`is busy: ${first} holds it since`);

    target.release();
    await inState(first, 'succeeded');
    target.gate = null;
    const fourth = await submitted('busy');
    expect(fourth).toMatch(/^R-/);
  });
});
