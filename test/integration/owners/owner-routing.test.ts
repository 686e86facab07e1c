import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { OwnerRefusalError } from '../../../src/core/refusal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { seedDemoCrds } from '../../../devkit/kube-sim/seed/demo-crds.js';
import type { OperationRegistry } from '../../../src/core/operation.js';
import type { ImperativeVerdict, OwnerPin, OwningKind } from '../../../src/core/owner.js';
import { IMPERATIVE_DEFAULTS } from '../../../src/core/owner.js';
import { ShipmateError } from '../../../src/core/errors.js';
import { createHelmCli } from '../../../src/k8s/helm/helm-cli.js';
import { eventually } from '../../support/slack-helpers.js';
import { context, deploymentManifest } from '../k8s/support.js';
import { helmHome, helmRunner, ownerAwareOps, shipmateHelm } from './helm-twins.js';

let sim: KubeSim;
let helm: (...args: string[]) => Promise<string>;
let chartDir: string;
let verdicts: Partial<Record<OwningKind, ImperativeVerdict>> = {};
const pins: Record<string, OwnerPin> = {};
let ops: OperationRegistry;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  const dev = sim.cluster('dev');
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  await seedDemoCrds(dev);
  await dev.create(deploymentManifest('shop', 'plain', 'reg/plain:v1', { replicas: 1 }));
  const argo = deploymentManifest('shop', 'argo', 'reg/argo:v1', { replicas: 1, annotations: { 'argocd.argoproj.io/tracking-id': 'shop-argo:apps/Deployment:shop/argo' } });
  await dev.create(argo);
  await dev.create(deploymentManifest('shop', 'canary', 'reg/canary:v1', { replicas: 0 }));
  await dev.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'canary-rollout', namespace: 'shop' },
    spec: { replicas: 2, workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'canary' }, strategy: { canary: { steps: [{ setWeight: 20 }] } } },
  });
  const home = await helmHome();
  helm = helmRunner(sim, home.env);
  chartDir = join(home.dir, 'demo');
  await helm('create', chartDir);
  await helm('install', 'hr', chartDir, '-n', 'shop');
  ops = await ownerAwareOps(sim, {
    helm: shipmateHelm(sim, home.env),
    pinOf: (app) => pins[app],
    imperativeOnOwned: (_env, kind) => verdicts[kind] ?? IMPERATIVE_DEFAULTS[kind],
  });
});

afterAll(async () => {
  await sim.stop();
});

function ctx(command: 'restart' | 'scale', app: string, deployment: string) {
  const c = context(command === 'restart' ? { command, app, env: 'test' } : { command, app, env: 'test', replicas: 2 }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: deployment } });
  c.scope.app = app;
  return c;
}

describe('owner detection and the routing rule against kube-sim', () => {
  it('plans a plain workload as before, with owner none and no warning', async () => {
    const plan = await ops.get('restart')!.plan(ctx('restart', 'plain', 'plain'));
    expect(plan.owner).toEqual({ kind: 'none' });
    expect(plan.ownerWarning).toBeUndefined();
  });

  it('detects a Deployment driven by a Rollout through workloadRef and refuses a kubectl-style scale by default', async () => {
    const err = await ops.get('scale')!.plan(ctx('scale', 'canary', 'canary')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShipmateError);
    expect((err as ShipmateError).code).toBe('policy_denied');
    expect((err as ShipmateError).userMessage).toContain('Argo Rollout canary-rollout (workloadRef to this Deployment) manages the pods of this workload');
  });

  it('refuses an imperative restart of an Argo CD app by default, and shows the drift warning under warn', async () => {
    const refused = await ops.get('restart')!.plan(ctx('restart', 'argo', 'argo')).catch((e: unknown) => e);
    expect((refused as ShipmateError).userMessage).toMatch(/^refused: Argo CD Application shop-argo syncs this workload from Git.*imperativeOnOwned\.argocd: refuse/);
    expect((refused as OwnerRefusalError).refusal).toMatchObject({
      ownerKind: 'argocd',
      why: expect.stringMatching(/syncs this workload from Git: with self-heal it reverts a kubectl-style restart/),
      instead: [expect.stringMatching(/^Change the desired state in Git/), expect.stringMatching(/suspend the owner first/)],
    });
    verdicts = { argocd: 'warn' };
    const plan = await ops.get('restart')!.plan(ctx('restart', 'argo', 'argo'));
    expect(plan.owner).toEqual({ kind: 'argocd', application: 'shop-argo', via: 'tracking-id' });
    expect(plan.ownerWarning).toContain('with self-heal it reverts a kubectl-style restart within minutes');
    verdicts = { argocd: 'allow' };
    expect((await ops.get('restart')!.plan(ctx('restart', 'argo', 'argo'))).ownerWarning).toBeUndefined();
    verdicts = {};
  });

  it('warns by default on a restart of a Helm-owned app and names the release, revision and chart', async () => {
    const plan = await ops.get('restart')!.plan(ctx('restart', 'hr', 'hr-demo'));
    expect(plan.owner).toEqual({ kind: 'helm', release: 'hr', namespace: 'shop', revision: 1, chart: 'demo-0.1.0', appVersion: '1.16.0', status: 'deployed' });
    expect(plan.ownerWarning).toContain('the next helm upgrade undoes it');
    // The owner is part of the fingerprint the worker compares before acting.
    expect(plan.fingerprint.startsWith('helm:shop/hr|')).toBe(true);
    expect(await ops.get('restart')!.fingerprint(ctx('restart', 'hr', 'hr-demo'))).toBe(plan.fingerprint);
    // What an `interrupted` message says about it.
    expect(await ops.get('restart')!.describeCurrentState!(ctx('restart', 'hr', 'hr-demo'))).toMatch(/^Helm release hr, revision 1, chart demo-0\.1\.0; deployment\/hr-demo: revision 1, image\(s\) nginx:1\.16\.0; /);
  });

  it('stops with a clear error when a config pin contradicts the cluster', async () => {
    pins['hr'] = { argocd: { application: 'shop-hr' } };
    const err = await ops.get('restart')!.plan(ctx('restart', 'hr', 'hr-demo')).catch((e: unknown) => e);
    delete pins['hr'];
    expect((err as ShipmateError).userMessage).toBe(
      "app hr pins its owner to Argo CD Application shop-hr (apps.hr.owner), but the cluster shows Helm release hr; fix apps.hr.owner or the workload's ownership labels before changing it",
    );
  });

  it('history of a Helm-owned app lists the Helm revisions as helm history does; status names the owner', async () => {
    const c = context({ command: 'history', app: 'hr', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } });
    c.scope.app = 'hr';
    const out = await ops.get('history')!.execute(c, await ops.get('history')!.plan(c));
    const table = out.sections[0]?.text ?? '';
    const rows = JSON.parse(await helm('history', 'hr', '-n', 'shop', '-o', 'json')) as { revision: number; status: string; chart: string; app_version: string; description: string }[];
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^REVISION\s+UPDATED \(UTC\)\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).filter((_, i) => i !== 1))).toEqual(rows.map((r) => [String(r.revision), r.status, r.chart, r.app_version, r.description]));
    expect(out.facts).toMatchObject({ release: 'hr', revisions: 1, storage: 'secrets' });

    const s = context({ command: 'status', app: 'hr', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } });
    s.scope.app = 'hr';
    const status = await ops.get('status')!.execute(s, await ops.get('status')!.plan(s));
    expect(status.report?.owner).toMatchObject({ kind: 'helm', release: 'hr', revision: 1, chart: 'demo-0.1.0' });
  });

  it('a release stuck in pending-upgrade blocks upgrade with the fix, as helm itself refuses; preflight reports it as a blocker', async () => {
    await helm('install', 'stuck', chartDir, '-n', 'shop');
    await helm('upgrade', 'stuck', chartDir, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
    // What an interrupted helm upgrade leaves behind: a newest revision whose record says pending-upgrade.
    const dev = sim.cluster('dev');
    const v2 = dev.get('v1', 'Secret', 'shop', 'sh.helm.release.v1.stuck.v2') as unknown as { data: { release: string }; metadata: { labels: Record<string, string> } };
    const rec = JSON.parse(gunzipSync(Buffer.from(Buffer.from(v2.data.release, 'base64').toString('utf8'), 'base64')).toString('utf8')) as { version: number; info: { status: string } };
    rec.version = 3;
    rec.info.status = 'pending-upgrade';
    const payload = Buffer.from(gzipSync(Buffer.from(JSON.stringify(rec))).toString('base64')).toString('base64');
    await dev.create({ apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1', metadata: { name: 'sh.helm.release.v1.stuck.v3', namespace: 'shop', labels: { ...v2.metadata.labels, status: 'pending-upgrade', version: '3' } }, data: { release: payload } });
    await expect(helm('upgrade', 'stuck', chartDir, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.2')).rejects.toThrow(/another operation \(install\/upgrade\/rollback\) is in progress/);

    const c = context({ command: 'upgrade', app: 'stuck', env: 'test', image: '1.25.2' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'stuck-demo' } });
    c.scope.app = 'stuck';
    const err = await ops.get('upgrade')!.plan(c).catch((e: unknown) => e);
    expect((err as ShipmateError).userMessage).toBe(
      'Helm release stuck is stuck in pending-upgrade at revision 3, so helm refuses another upgrade; roll it back to the last deployed revision 2 first (/k8s rollback <app> <env> --to 2, which runs helm rollback), then upgrade again',
    );

    // The chart's default tag is its appVersion: setting it renders the same objects, so nothing to do.
    const same = context({ command: 'upgrade', app: 'hr', env: 'test', image: '1.16.0' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } });
    same.scope.app = 'hr';
    expect(await ops.get('upgrade')!.plan(same)).toMatchObject({ noop: true, diff: '', summary: 'Helm release hr revision 1 already renders image.tag=1.16.0' });

    // What a Helm-owned upgrade cannot take is answered before helm runs.
    const imageRef = context({ command: 'upgrade', app: 'hr', env: 'test', image: 'registry.example.com/nginx:1.26' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } });
    imageRef.scope.app = 'hr';
    await expect(ops.get('upgrade')!.plan(imageRef)).rejects.toThrow('for a Helm-owned app give just the tag (e.g. v1.4.3)');
    const withContainer = context({ command: 'upgrade', app: 'hr', env: 'test', image: '1.26', container: 'demo' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } });
    withContainer.scope.app = 'hr';
    await expect(ops.get('upgrade')!.plan(withContainer)).rejects.toThrow('--container does not apply to a Helm-owned app: Shipmate sets the chart value image.tag');

    const p = context({ command: 'preflight', env: 'test', toVersion: '1.33' }, { cluster: 'dev', namespace: 'shop' });
    const report = await ops.get('preflight')!.execute(p, await ops.get('preflight')!.plan(p));
    const helmSection = report.sections.find((s) => s.title.includes('Helm releases'));
    expect(helmSection?.items?.map((i) => [i.mark, i.text])).toEqual([
      ['critical', 'Helm release stuck is stuck in pending-upgrade at revision 3: helm refuses further upgrades until it is resolved; fix: helm rollback stuck 2 (or /k8s rollback with --to 2)'],
      ['note', '2 Helm release(s) in the namespace'],
    ]);
  });

  it('a cancel never kills helm mid-change (a killed helm leaves the release pending): helm finishes, then the cancel shows', async () => {
    // A stand-in helm at the process edge: slow, and it leaves a mark when it ran to the end.
    const dir = await mkdtemp(join(tmpdir(), 'slow-helm-'));
    const mark = join(dir, 'finished');
    const fake = join(dir, 'helm');
    const started = join(dir, 'started');
    await writeFile(fake, `#!/bin/sh\ncase "$*" in *--dry-run*) exit 0 ;; esac\ntouch "${started}"\nsleep 1\necho "$*" > "${mark}"\n`, { mode: 0o755 });
    const slowOps = await ownerAwareOps(sim, { helm: createHelmCli({ path: fake, connection: () => ({}) }) });
    const abort = new AbortController();
    const c = context({ command: 'rollback', app: 'hr', env: 'test', toRevision: 1 }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'hr-demo' } }, { signal: abort.signal });
    c.scope.app = 'hr';
    const running = slowOps.get('rollback')!.execute(c, await slowOps.get('rollback')!.plan(c)).catch((e: unknown) => e);
    // Cancelled once helm has started changing the release: it must run to its end; the cancel shows afterwards.
    await eventually(() => access(started).then(() => true, () => false));
    abort.abort();
    const err = await running;
    expect(await readFile(mark, 'utf8')).toBe('rollback hr 1 --namespace shop\n');
    expect((err as ShipmateError).code).toBe('cancelled');
  });
});
