import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { registryOf, type Operation } from '../../../src/core/operation.js';
import { createTargetLocks } from '../../../src/jobs/target-lock.js';
import { eventually, fakeRollback, fakeTarget, harness, recordingNotifier, rollback, scope, silentLogger, testPolicy, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix('sigkill');
const h = harness(prefix);
const fixture = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
let child: ChildProcess | null = null;

function startChild(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(proc);
    });
  });
}

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await h.cleanup();
});

describe('a worker killed mid-mutation', () => {
  it('ends interrupted, says so with the current state, frees the lock and never runs again', async () => {
    child = await startChild();
    const policy = testPolicy({ approvals: 0, approvers: [] });
    const front = h.make({ operations: registryOf([fakeRollback(fakeTarget())]), policy, notifier: recordingNotifier() });
    const res = await front.submit({ invocation: rollback, text: 'rollback api prod', scope, requester: 'U_REQ', channel: 'C1' });
    if (!('request' in res)) throw new Error(res.rejected);
    const id = res.request.id;
    await eventually(async () => (await h.redis.get(`${prefix}:executions`)) === '1');
    const running = await front.get(id);
    expect(running?.state).toBe('running');

    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // A second replica notices the stalled mutation. Its operation would count a re-run.
    const survivorTarget = fakeTarget();
    survivorTarget.image = 'v1 (half rolled out)';
    const survivorOp: Operation = { ...fakeRollback(survivorTarget) };
    const notifier = recordingNotifier();
    const survivor = h.make({
      operations: registryOf([survivorOp]),
      policy,
      notifier,
      worker: { concurrency: 1, lockDurationMs: 1_000, stalledIntervalMs: 500, targetLockTimeoutMs: 1_500 },
    });
    await survivor.start();
    const ended = await eventually(async () => {
      const r = await survivor.get(id);
      return r?.state === 'interrupted' ? r : null;
    });
    expect(ended.reason).toContain('not repeated');
    const reply = await eventually(async () => notifier.replies(id).find((t) => t.includes('was interrupted')));
    expect(reply).toContain('It was not re-run');
    expect(reply).toContain('Current state: image v1 (half rolled out), 2/3 ready');
    expect(survivorTarget.executions).toBe(0);
    expect(await h.redis.get(`${prefix}:executions`)).toBe('1');

    const locks = createTargetLocks({ redis: h.redis, prefix, logger: silentLogger });
    expect(await locks.lockHolder(survivorOp.target({ invocation: rollback, scope }))).toBeNull();
    const actions = await eventually(async () => {
      const a = (await h.audit.read({ requestId: id })).map((r) => r.event.action);
      return a.includes('interrupted') ? a : null;
    });
    expect(actions.filter((a) => a === 'interrupted')).toHaveLength(1);
    expect(actions.filter((a) => a === 'running')).toHaveLength(1);
  });
});
