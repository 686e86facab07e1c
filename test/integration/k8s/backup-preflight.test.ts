import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeObject, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import { CancelledError, InvalidError } from '../../../src/core/errors.js';
import type { Invocation } from '../../../src/core/invocation.js';
import type { ProgressEvent } from '../../../src/core/plan.js';
import { clientNodeKubeconfig, context, harness, type Harness } from './support.js';

/**
 * kube-sim has no Velero controller, so these tests play it: they move the Backup Shipmate created
 * through its phases by writing its status in the sim's store, as Velero's server would.
 */
let sim: KubeSim;
let dev: SimCluster;
let h: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'], seed: 'demo' });
  dev = sim.cluster('dev');
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['dev']);
  await dev.settle();
});
afterAll(async () => {
  await sim?.stop();
});

/** Polls a condition the test itself depends on (not a timing assertion). */
async function until<T>(fn: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1_000; i++) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function op(command: Invocation['command']) {
  const found = h.ops(command);
  if (!found) throw new Error(`no operation for ${command}`);
  return found;
}

function backupCtx(requestId: string, namespaces: string[], extra: { signal?: AbortSignal } = {}) {
  const ctx = context({ command: 'backup', env: 'dev', namespaces }, { cluster: 'dev', namespace: 'shop-dev' }, extra);
  return { ...ctx, requestId, scope: { ...ctx.scope, env: 'dev' } };
}

const backupOf = (requestId: string): KubeObject | undefined =>
  dev.list('velero.io/v1', 'Backup', 'velero').find((b) => b.metadata.labels?.['shipmate.io/request-id'] === requestId);

/** Velero's part: write the Backup's status as its controller would. */
async function setStatus(backup: KubeObject, status: Record<string, unknown>): Promise<void> {
  const current = dev.get('velero.io/v1', 'Backup', 'velero', backup.metadata.name) ?? backup;
  await dev.update({ ...current, status });
}

const statusTexts = (events: ProgressEvent[]) => events.filter((e) => e.kind === 'status').map((e) => e.text);

describe('backup', () => {
  it('plans the Backup object with a server dry run and binds the plan to namespaces and storage location', async () => {
    const ctx = backupCtx('R-PLAN0001', []);
    const plan = await op('backup').plan(ctx);
    expect(plan.summary).toMatch(/^Velero backup shipmate-dev-\d{14}-n0001 of namespace\(s\) shop-dev to storage location default$/);
    expect(plan.diff).toContain('+  includedNamespaces:\n+    - shop-dev');
    expect(plan.diff).toContain('+  ttl: 720h0m0s');
    expect(plan.diff).toContain('+  snapshotVolumes: false');
    expect(plan.dryRun).toMatchObject({ performed: true, ok: true });
    expect(plan.fingerprint).toMatch(/^ns=shop-dev\|bsl=default\//);
    expect(plan.target).toEqual({ cluster: 'dev', namespace: 'velero', kind: 'Backup', name: 'shipmate-dev' });
    expect(await op('backup').fingerprint(ctx)).toBe(plan.fingerprint);
    expect(backupOf('R-PLAN0001')).toBeUndefined();
  });

  it('creates the Backup, reports progress and succeeds when Velero completes it', async () => {
    const ctx = backupCtx('R-BACKUP01', ['shop-dev']);
    const plan = await op('backup').plan(ctx);
    const running = op('backup').execute(ctx, plan);
    const created = await until(() => backupOf('R-BACKUP01'), 'the Backup');
    expect(created.metadata.name).toBe(plan.facts['backup']);
    expect(created.spec).toEqual({ includedNamespaces: ['shop-dev'], ttl: '720h0m0s', storageLocation: 'default', snapshotVolumes: false });
    expect(created.metadata.annotations?.['shipmate.io/requested-by']).toBe('U1');
    await until(() => statusTexts(ctx.events).length > 0 || undefined, 'the watch');
    await setStatus(created, { phase: 'InProgress', progress: { itemsBackedUp: 4, totalItems: 10 } });
    await until(() => statusTexts(ctx.events).some((t) => t.includes('4/10')) || undefined, 'progress');
    await setStatus(created, { phase: 'Completed', progress: { itemsBackedUp: 10, totalItems: 10 }, completionTimestamp: new Date().toISOString() });
    const result = await running;
    expect(result.outcome).toBe('succeeded');
    expect(result.summary).toBe(`backup ${created.metadata.name} completed`);
    expect(statusTexts(ctx.events)).toContain(`backup ${created.metadata.name} InProgress: 4/10 items backed up`);
    expect(result.facts).toMatchObject({ phase: 'Completed', errors: 0 });
  });

  it('fails with Velero\'s errors, warnings and failure reason when the backup ends PartiallyFailed', async () => {
    const ctx = backupCtx('R-BACKUP02', ['shop-dev']);
    const running = op('backup').execute(ctx, await op('backup').plan(ctx));
    const created = await until(() => backupOf('R-BACKUP02'), 'the Backup');
    await setStatus(created, { phase: 'PartiallyFailed', errors: 2, warnings: 1, failureReason: 'volume snapshot location unavailable' });
    const result = await running;
    expect(result.outcome).toBe('failed');
    expect(result.summary).toBe(`backup ${created.metadata.name} ended PartiallyFailed (2 error(s), 1 warning(s)): volume snapshot location unavailable`);
    expect(result.sections[0]?.text).toContain(`velero backup logs ${created.metadata.name}`);
  });

  it('reports validation errors of a FailedValidation backup', async () => {
    const ctx = backupCtx('R-BACKUP03', ['shop-dev']);
    const running = op('backup').execute(ctx, await op('backup').plan(ctx));
    const created = await until(() => backupOf('R-BACKUP03'), 'the Backup');
    await setStatus(created, { phase: 'FailedValidation', validationErrors: ['an existing backup storage location was not specified'] });
    const result = await running;
    expect(result.outcome).toBe('failed');
    expect(result.sections[0]?.text).toContain('  an existing backup storage location was not specified');
  });

  it('stops waiting when cancelled and says the backup keeps running', async () => {
    const abort = new AbortController();
    const ctx = backupCtx('R-BACKUP04', ['shop-dev'], { signal: abort.signal });
    const running = op('backup').execute(ctx, await op('backup').plan(ctx));
    await until(() => statusTexts(ctx.events).length > 0 || undefined, 'the watch');
    abort.abort();
    const err: unknown = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as CancelledError).userMessage).toMatch(/^cancelled while waiting; Velero backup shipmate-dev-\d{14}-kup04 was already created/);
    expect(await op('backup').describeCurrentState?.(backupCtx('R-BACKUP04', ['shop-dev']))).toMatch(/^backup shipmate-dev-\d{14}-kup04 New$/);
  });

  it('ends failed at the timeout with the last phase seen', async () => {
    const ctx = { ...backupCtx('R-BACKUP05', ['shop-dev']), limits: { ...backupCtx('x', []).limits, rolloutTimeoutMs: 300 } };
    const result = await op('backup').execute(ctx, await op('backup').plan(ctx));
    expect(result.outcome).toBe('failed');
    expect(result.summary).toMatch(/did not finish within 300 ms \(last phase New\); Velero keeps working on it$/);
  });

  it('refuses a namespace that does not exist', async () => {
    const err: unknown = await op('backup').plan(backupCtx('R-BACKUP06', ['nope'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as InvalidError).userMessage).toBe('cannot back up: namespace(s) nope do not exist in cluster dev');
  });

  it('refuses clearly when Velero is not installed', async () => {
    const bare = await startKubeSim({ clusters: ['bare'] });
    try {
      const hb = harness(await clientNodeKubeconfig(bare.kubeconfigPath, bare.kubeconfig), ['bare']);
      const ctx = context({ command: 'backup', env: 'bare', namespaces: [] }, { cluster: 'bare', namespace: 'default' });
      const err: unknown = await hb.ops('backup')?.plan(ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidError);
      expect((err as InvalidError).userMessage).toBe('cannot back up test: Velero is not installed: the cluster has no velero.io API (CRDs missing)');
    } finally {
      await bare.stop();
    }
  });
});
