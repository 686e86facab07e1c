import { afterAll, describe, expect, it } from 'vitest';
import { createRequestStore, type NewRequest } from '../../../src/jobs/request-store.js';
import { TRANSITIONS } from '../../../src/jobs/lifecycle.js';
import { createTargetLocks } from '../../../src/jobs/target-lock.js';
import { TargetBusyError } from '../../../src/core/errors.js';
import { deleteKeys, REDIS_URL, rollback, scope, silentLogger, uniquePrefix } from './helpers.js';
import { Redis } from 'ioredis';

const prefix = uniquePrefix('store');
const redis = new Redis(REDIS_URL);
const store = createRequestStore({ redis, prefix });
const target = { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: 'api' };
const init = (approvalsRequired = 2, env = 'prod'): NewRequest => ({
  invocation: rollback,
  text: 'rollback api prod',
  scope: { ...scope, env },
  target,
  mutates: true,
  requester: 'U_REQ',
  channel: 'C1',
  approvalsRequired,
});

afterAll(async () => {
  await deleteKeys(redis, `*${prefix}*`);
  await redis.quit();
});

describe('request store', () => {
  it('creates R- ids; a repeated idempotency key returns the same record', async () => {
    const [a, b] = await Promise.all([store.create(init(), 'trig-1'), store.create(init(), 'trig-1')]);
    expect(a.record.id).toMatch(/^R-[0-9A-Z]{8}$/);
    expect(b.record.id).toBe(a.record.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('transitions only from allowed states, bumping version; concurrent CAS has one winner', async () => {
    const { record } = await store.create(init());
    const results = await Promise.all(Array.from({ length: 10 }, () => store.transition(record.id, TRANSITIONS.planAwait)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const now = await store.get(record.id);
    expect(now?.state).toBe('awaiting_approval');
    expect(now?.version).toBe(2);
    expect((await store.transition(record.id, TRANSITIONS.start)).ok).toBe(false);
  });

  it('addApproval: distinct users only; exactly one caller transitions to approved', async () => {
    const { record } = await store.create(init(2));
    await store.transition(record.id, TRANSITIONS.planAwait);
    const dup = await Promise.all([store.addApproval(record.id, 'U1', TRANSITIONS.approve), store.addApproval(record.id, 'U1', TRANSITIONS.approve)]);
    expect(dup.filter((r) => r.duplicate)).toHaveLength(1);
    const many = await Promise.all(['U2', 'U3', 'U4', 'U5'].map((u) => store.addApproval(record.id, u, TRANSITIONS.approve)));
    expect(many.filter((r) => r.transitioned)).toHaveLength(1);
    const final = await store.get(record.id);
    expect(final?.state).toBe('approved');
    expect(final?.approvals).toHaveLength(2);
  });

  it('keeps handles beside the ids; an approver is the same approver under another handle', async () => {
    const { record } = await store.create({ ...init(), requesterHandle: 'riley' });
    expect((await store.get(record.id))?.requesterHandle).toBe('riley');
    await store.transition(record.id, TRANSITIONS.planAwait);
    await store.addApproval(record.id, 'U1', TRANSITIONS.approve, 'avery');
    const again = await store.addApproval(record.id, 'U1', TRANSITIONS.approve, 'someone-else');
    expect(again.duplicate).toBe(true);
    await store.addApproval(record.id, 'U2', TRANSITIONS.approve);
    // A click whose payload had no usable handle is recorded by id alone, as older records are.
    expect((await store.get(record.id))?.approvals.map(({ user, handle }) => ({ user, handle }))).toEqual([
      { user: 'U1', handle: 'avery' },
      { user: 'U2', handle: undefined },
    ]);
  });

  it('indexes active requests per environment and recent ones per target', async () => {
    const { record: dev } = await store.create(init(1, 'dev'));
    const { record: done } = await store.create(init(1, 'dev'));
    await store.transition(done.id, TRANSITIONS.cancelWaiting);
    const active = (await store.list({ env: 'dev', active: true })).map((r) => r.id);
    expect(active).toEqual([dev.id]);
    expect((await store.list({ env: 'dev' })).map((r) => r.id).sort()).toEqual([dev.id, done.id].sort());
    expect((await store.recentForTarget(target)).map((r) => r.id)).toContain(done.id);
  });

  it('target locks: a second holder learns who holds it and since when', async () => {
    const locks = createTargetLocks({ redis, prefix, logger: silentLogger, lockTimeoutMs: 5_000 });
    const held = await locks.acquire(target, { requestId: 'R-AAAAAAAA', user: 'U1', since: '2026-11-01T10:00:00.000Z' }, () => undefined);
    const err = await locks.acquire(target, { requestId: 'R-BBBBBBBB', user: 'U2', since: 'now' }, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetBusyError);
    expect((err as TargetBusyError).holder).toEqual({ requestId: 'R-AAAAAAAA', user: 'U1', since: '2026-11-01T10:00:00.000Z' });
    expect(await locks.forceRelease(target, 'R-BBBBBBBB')).toBe(false);
    await held.release();
    expect(await locks.lockHolder(target)).toBeNull();
  });
});
