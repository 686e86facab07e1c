import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeObject, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import { CancelledError, InvalidError } from '../../../src/core/errors.js';
import type { Invocation } from '../../../src/core/invocation.js';
import type { ProgressEvent, ResultSection } from '../../../src/core/plan.js';
import { sectionBody } from '../../../src/slack/views/result-items.js';
import { clientNodeKubeconfig, context, harness, type Harness } from './support.js';

/**
 * These tests play Velero (kube-sim's own backup controller is turned off): they move the Backup
 * Shipmate created through its phases by writing its status in the sim's store, as Velero's server would.
 */
let sim: KubeSim;
let dev: SimCluster;
let h: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'], seed: 'demo', velero: false });
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
  const found = h.ops.get(command);
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

  it('refuses clearly when Velero is not installed, and preflight skips the backup age there', async () => {
    const bare = await startKubeSim({ clusters: ['bare'] });
    try {
      const hb = harness(await clientNodeKubeconfig(bare.kubeconfigPath, bare.kubeconfig), ['bare']);
      const ctx = context({ command: 'backup', env: 'bare', namespaces: [] }, { cluster: 'bare', namespace: 'default' });
      const err: unknown = await hb.ops.get('backup')?.plan(ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidError);
      expect((err as InvalidError).userMessage).toBe('cannot back up test: Velero is not installed: the cluster has no velero.io API (CRDs missing)');
      const pre = context({ command: 'preflight', env: 'bare', toVersion: '1.33' }, { cluster: 'bare', namespace: 'default' });
      const result = await hb.ops.get('preflight')?.execute(pre, await hb.ops.get('preflight')!.plan(pre));
      expect(result?.summary).toBe('test (namespace default) is ready for Kubernetes 1.33');
      const skipped = result?.sections.find((x) => x.title === 'Last backup: skipped');
      expect(skipped && sectionBody(skipped, 3000)).toBe(
        '_Velero is not installed: the cluster has no velero.io API (CRDs missing); backup age not checked_',
      );
    } finally {
      await bare.stop();
    }
  });
});

/** A Helm 3 release Secret as the REST API returns it: data.release = base64(base64(gzip(JSON))). */
function helmReleaseSecret(name: string, version: number, status: string, manifest: string): object {
  const record = { name, namespace: 'shop', version, info: { status }, chart: { metadata: { name, version: '0.4.1' } }, config: {}, manifest };
  const helmValue = gzipSync(Buffer.from(JSON.stringify(record))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${name}.v${version}`, namespace: 'shop', labels: { name, owner: 'helm', status, version: String(version) } },
    data: { release: Buffer.from(helmValue).toString('base64') },
  };
}

const LEGACY_V1 = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: legacy\n';
const LEGACY_V2 = [
  '---\n# Source: legacy/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: legacy\n',
  '---\n# Source: legacy/templates/ingress.yaml\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: legacy-web\n',
].join('');

describe('preflight', () => {
  beforeAll(async () => {
    await dev.create(helmReleaseSecret('legacy', 1, 'superseded', LEGACY_V1));
    await dev.create(helmReleaseSecret('legacy', 2, 'deployed', LEGACY_V2));
    const applied = { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api-service', namespace: 'shop' }, spec: { maxReplicas: 5 } };
    await dev.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api-service', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) } },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api-service' }, minReplicas: 3, maxReplicas: 5 },
    });
    await dev.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'orders-db-pdb', namespace: 'shop' },
      spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'orders-db' } } },
    });
    const node = dev.get('v1', 'Node', undefined, 'node-c');
    const status = node?.status as { nodeInfo: Record<string, string> };
    await dev.update({ ...node, status: { ...status, nodeInfo: { ...status.nodeInfo, kubeletVersion: 'v1.29.3' } } });
    await dev.settle();
  });

  async function preflight(toVersion: string) {
    const ctx = context({ command: 'preflight', env: 'test', toVersion }, { cluster: 'dev', namespace: 'shop' });
    const plan = await op('preflight').plan(ctx);
    expect(plan.summary).toBe(`upgrade preflight of test for Kubernetes ${toVersion}`);
    return op('preflight').execute(ctx, plan);
  }

  // What a reader sees of the section: the real view renders its items.
  const section = (result: { sections: ResultSection[] }, prefix: string) => {
    const s = result.sections.find((x) => x.title.startsWith(prefix));
    return s ? sectionBody(s, 3000) : '';
  };

  it('finds removed APIs, PDB gaps, node skew and a missing backup', async () => {
    const result = await preflight('1.33');
    expect(result.outcome).toBe('succeeded');
    expect(result.summary).toBe('test (namespace shop) is not ready for Kubernetes 1.33: 4 blockers, 2 warnings');
    expect(result.sections.map((x) => x.title)).toEqual(['Removed APIs: 2 blockers', 'PodDisruptionBudgets: 1 blocker, 1 warning', 'Node versions: 1 blocker', 'Last backup: 1 warning', 'Helm releases: OK']);
    const apis = section(result, 'Removed APIs');
    // Only the deployed revision counts: revision 1's extensions/v1beta1 Deployment is history.
    expect(apis).toContain('Helm release legacy (revision 2, chart legacy-0.4.1): networking.k8s.io/v1beta1 Ingress "legacy-web": removed in 1.22; use networking.k8s.io/v1');
    expect(apis).toContain('last-applied-configuration of horizontalpodautoscaler/api-service: autoscaling/v2beta2 HorizontalPodAutoscaler "api-service": removed in 1.26; use autoscaling/v2');
    expect(apis).not.toContain('extensions/v1beta1');
    const pdbs = section(result, 'PodDisruptionBudgets');
    expect(pdbs).toContain('poddisruptionbudget/orders-db-pdb allows 0 disruptions (3 healthy of 3 expected pods, 3 required)');
    expect(pdbs).toContain('deployment/web-frontend (2 replicas) has no PodDisruptionBudget');
    expect(pdbs).not.toContain('api-service');
    expect(section(result, 'Node versions')).toContain('node/node-c: kubelet 1.29 would trail the API server 1.33 by 4 minor versions (at most 3 allowed)');
    expect(section(result, 'Last backup')).toContain('no completed Velero backup includes namespace shop');
    expect(result.facts).toEqual({ toVersion: '1.33', ready: false, blockers: 4, warnings: 2 });
  });

  it('sees a recent completed backup of the namespace, and deprecations not yet removed as warnings', async () => {
    const backup = await dev.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'nightly-shop', namespace: 'velero' },
      spec: { includedNamespaces: ['shop'], ttl: '720h0m0s' },
    });
    await setStatus(backup, { phase: 'Completed', completionTimestamp: new Date().toISOString() });
    const result = await preflight('1.21');
    expect(section(result, 'Last backup')).toMatch(/^_newest completed backup of shop: nightly-shop, \d+ min old_$/);
    // 1.21 is a downgrade from the simulated 1.32 and kubelets 1.31 would be ahead of it: blockers; the v1beta1 Ingress is merely deprecated there.
    expect(section(result, 'Removed APIs')).toContain('networking.k8s.io/v1beta1 Ingress "legacy-web": deprecated since 1.19, removed in 1.22');
    expect(result.sections[0]?.title).toBe('Removed APIs: 1 warning');
  });
});
