import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryOf, type Operation } from '../../../src/core/operation.js';
import type { RequestState } from '../../../src/core/request.js';
import type { TargetRef } from '../../../src/core/target.js';
import type { Pipeline } from '../../../src/jobs/pipeline.js';
import { eventually, fakeRollback, fakeTarget, harness, holdExecution, recordingNotifier, rollback, scope, testPolicy, uniquePrefix } from './helpers.js';

// Issue 14: a GitOps change also holds its (repository, path); two apps whose overlays share a path
// (or two environments rendered from one) must not commit to it at once.
const GIT_PATH: TargetRef = { cluster: 'gitops', namespace: 'deploy', kind: 'GitPath', name: 'apps/shared/envs/prod' };

const h = harness(uniquePrefix('extra-locks'));
const target = fakeTarget();
const policy = testPolicy({ approvals: 1, approvers: ['U_A1'] });
let pipeline: Pipeline;

function withGitPath(op: Operation): Operation {
  return { ...op, plan: async (ctx) => ({ ...(await op.plan(ctx)), extraLocks: [GIT_PATH] }) };
}

const inState = (id: string, state: RequestState) =>
  eventually(async () => {
    const r = await pipeline.get(id);
    return r?.state === state ? r : null;
  });

async function submitted(app: string): Promise<string> {
  const res = await pipeline.submit({ invocation: { ...rollback, app }, text: `rollback ${app} prod`, scope: { ...scope, app, workload: { kind: 'Deployment', name: app } }, requester: 'U_REQ', channel: 'C1' });
  if (!('request' in res)) throw new Error(res.rejected);
  return res.request.id;
}

beforeAll(async () => {
  pipeline = h.make({ operations: registryOf([withGitPath(fakeRollback(target))]), policy, notifier: recordingNotifier() });
  await pipeline.start();
});
afterAll(() => h.cleanup());

describe('extra locks of a plan', () => {
  it('two workloads, one (repo, path): the second job is told who holds the path; afterwards it is free again', async () => {
    holdExecution(target);
    const first = await submitted('one');
    const second = await submitted('two');
    await inState(first, 'awaiting_approval');
    await inState(second, 'awaiting_approval');
    await pipeline.approve(first, 'U_A1', new Set());
    await target.started;
    await pipeline.approve(second, 'U_A1', new Set());
    const failed = await inState(second, 'failed');
    expect(failed.reason).toContain(`gitpath/apps/shared/envs/prod in gitops/deploy is busy: ${first} holds it since`);
    expect(target.executions).toBe(1);

    target.release();
    await inState(first, 'succeeded');
    target.gate = null;
    const third = await submitted('two');
    await inState(third, 'awaiting_approval');
    await pipeline.approve(third, 'U_A1', new Set());
    await inState(third, 'succeeded');
    expect(target.executions).toBe(2);
  });
});
