import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../devkit/kube-sim/index.js';
import { kubectlFor, must } from '../kube-sim/kubectl.js';
import type { World } from './world.js';
import { get, image, imageOf, release, startWorld, waitFor } from './world.js';

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
}

interface FluxStatus {
  conditions?: Condition[];
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  lastHandledReconcileAt?: string;
  observedGeneration?: number;
  inventory?: { entries: { id: string; v: string }[] };
  history?: { digest: string; metadata?: { revision?: string }; lastReconciledStatus: string }[];
  artifact?: { revision: string };
}

type Flux = KubeObject & { status?: FluxStatus };

const ks = (world: World, name = 'flux-web'): Flux => get(world, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', name);
const repo = (world: World): Flux => get(world, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'flux-web');
const ready = (o: Flux): Condition | undefined => o.status?.conditions?.find((c) => c.type === 'Ready');

describe('simulated Flux controllers', () => {
  let world: World;
  let kubectl: Awaited<ReturnType<typeof kubectlFor>>;
  const request = async (resource: string): Promise<string> => {
    const token = new Date().toISOString() + Math.random().toString(36).slice(2, 6);
    await must(kubectl('annotate', '--overwrite', '-n', 'flux-system', resource, `reconcile.fluxcd.io/requestedAt=${token}`));
    return token;
  };

  beforeAll(async () => {
    world = await startWorld();
    kubectl = await kubectlFor(world.sim, 'dev');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('applies the seeded source: artifact revision, Ready, inventory, labels, three revisions of history', () => {
    const head = world.revisions[2] ?? '';
    expect(repo(world).status?.artifact?.revision).toBe(`main@sha1:${head}`);
    expect(ready(repo(world))).toMatchObject({ status: 'True', reason: 'Succeeded', message: `stored artifact for revision 'main@sha1:${head}'` });
    const status = ks(world).status;
    expect(status?.lastAppliedRevision).toBe(`main@sha1:${head}`);
    expect(status?.lastAttemptedRevision).toBe(`main@sha1:${head}`);
    expect(ready(ks(world))).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: main@sha1:${head}`, observedGeneration: 1 });
    expect(status?.inventory?.entries).toEqual([
      { id: 'shop_flux-web__Service', v: 'v1' },
      { id: 'shop_flux-web_apps_Deployment', v: 'v1' },
    ]);
    expect(status?.history?.map((h) => h.metadata?.revision)).toEqual(world.revisions.map((r) => `main@sha1:${r}`).reverse());
    const deploy = get(world, 'apps/v1', 'Deployment', 'shop', 'flux-web');
    expect(deploy.metadata.labels).toMatchObject({ 'kustomize.toolkit.fluxcd.io/name': 'flux-web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' });
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '1.2.0'));
  });

  it('answers reconcile.fluxcd.io/requestedAt with lastHandledReconcileAt and applies a new commit', async () => {
    const sha = await release(world, '1.3.0');
    await request('gitrepositories.source.toolkit.fluxcd.io/flux-web');
    const token = await request('kustomizations.kustomize.toolkit.fluxcd.io/flux-web');
    const status = await waitFor('the request handled and the commit applied', () => {
      const s = ks(world).status;
      return s?.lastHandledReconcileAt === token && s.lastAppliedRevision === `main@sha1:${sha}` ? s : undefined;
    });
    expect(status.history?.[0]?.metadata?.revision).toBe(`main@sha1:${sha}`);
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '1.3.0'));
  });

  it('corrects drift on the next reconcile', async () => {
    await world.sim.gitopsSettle?.();
    await must(kubectl('set', 'image', '-n', 'shop', 'deployment/flux-web', `flux-web=${image('flux-web', '6.6.6')}`));
    await world.sim.gitopsSettle?.();
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '6.6.6'));
    const token = await request('kustomizations.kustomize.toolkit.fluxcd.io/flux-web');
    await waitFor('the request handled', () => ks(world).status?.lastHandledReconcileAt === token);
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '1.3.0'));
  });

  it('changes nothing while suspended, and catches up on resume', async () => {
    await must(kubectl('patch', '-n', 'flux-system', 'kustomizations.kustomize.toolkit.fluxcd.io/flux-web', '--type', 'merge', '-p', '{"spec":{"suspend":true}}'));
    const before = ks(world).status?.lastAppliedRevision;
    const sha = await release(world, '1.4.0');
    await request('gitrepositories.source.toolkit.fluxcd.io/flux-web');
    const token = await request('kustomizations.kustomize.toolkit.fluxcd.io/flux-web');
    await waitFor('the source to fetch the new commit', () => repo(world).status?.artifact?.revision === `main@sha1:${sha}`);
    // The new artifact and the request have reached the controller; once it is idle, nothing may have changed.
    await world.sim.gitopsSettle?.();
    expect(ks(world).status?.lastAppliedRevision).toBe(before);
    expect(ks(world).status?.lastHandledReconcileAt).not.toBe(token);
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '1.3.0'));

    await must(kubectl('patch', '-n', 'flux-system', 'kustomizations.kustomize.toolkit.fluxcd.io/flux-web', '--type', 'merge', '-p', '{"spec":{"suspend":false}}'));
    await waitFor('the resumed Kustomization to apply the commit', () => ks(world).status?.lastAppliedRevision === `main@sha1:${sha}`);
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '1.4.0'));
    expect(ks(world).status?.lastHandledReconcileAt).toBe(token);
  });

  it('installs and upgrades a HelmRelease from a chart in the GitRepository', async () => {
    await release(world, '1.4.0', {
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.3.1\nappVersion: "2.0"\n',
      'charts/web/values.yaml': 'greeting: hello\n',
      'charts/web/templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
    });
    await request('gitrepositories.source.toolkit.fluxcd.io/flux-web');
    const cluster = world.sim.cluster('dev');
    await cluster.create({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'web', namespace: 'flux-system' },
      spec: { interval: '10m', targetNamespace: 'shop', releaseName: 'web', chart: { spec: { chart: './charts/web', sourceRef: { kind: 'GitRepository', name: 'flux-web' } } } },
    });
    const hr = (): Flux => get(world, 'helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'flux-system', 'web');
    const releases = (): string[] => ((hr().status as { history?: { version: number; status: string }[] } | undefined)?.history ?? []).map((h) => `${h.version}:${h.status}`);
    await waitFor('the install', () => ready(hr())?.reason === 'InstallSucceeded');
    expect(ready(hr())?.message).toBe('Helm install succeeded for release shop/web.v1 with chart web@0.3.1');
    const cm = get(world, 'v1', 'ConfigMap', 'shop', 'web-settings') as KubeObject & { data?: Record<string, string> };
    expect(cm.data).toEqual({ greeting: 'hello' });
    expect(cm.metadata.labels).toMatchObject({ 'helm.toolkit.fluxcd.io/name': 'web', 'helm.toolkit.fluxcd.io/namespace': 'flux-system' });

    await must(kubectl('patch', '-n', 'flux-system', 'helmreleases.helm.toolkit.fluxcd.io/web', '--type', 'merge', '-p', '{"spec":{"values":{"greeting":"hi"}}}'));
    await waitFor('the upgrade', () => ready(hr())?.reason === 'UpgradeSucceeded');
    expect(releases()).toEqual(['2:deployed', '1:superseded']);
    expect((get(world, 'v1', 'ConfigMap', 'shop', 'web-settings') as KubeObject & { data?: Record<string, string> }).data).toEqual({ greeting: 'hi' });
    expect(world.errors).toEqual([]);
  });

  it('with spec.wait reports a crash-looping revision as HealthCheckFailed and keeps lastAppliedRevision', async () => {
    await must(kubectl('patch', '-n', 'flux-system', 'kustomizations.kustomize.toolkit.fluxcd.io/flux-web', '--type', 'merge', '-p', '{"spec":{"wait":true,"timeout":"1m"}}'));
    await waitFor('Healthy after wait is on', () => ks(world).status?.conditions?.find((c) => c.type === 'Healthy')?.status === 'True');
    const good = ks(world).status?.lastAppliedRevision;
    const broken = await release(world, '2.0.0-broken');
    await request('gitrepositories.source.toolkit.fluxcd.io/flux-web');
    const failed = await waitFor('HealthCheckFailed', () => (ready(ks(world))?.reason === 'HealthCheckFailed' ? ks(world).status : undefined));
    expect(ready(ks(world))).toMatchObject({ status: 'False', message: "health check failed: [Deployment/shop/flux-web status: 'Failed']" });
    expect(failed.lastAttemptedRevision).toBe(`main@sha1:${broken}`);
    expect(failed.lastAppliedRevision).toBe(good);
    expect(imageOf(world, 'flux-web')).toBe(image('flux-web', '2.0.0-broken'));
  });
});
