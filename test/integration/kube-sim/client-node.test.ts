import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { deployment, namespace } from './kubectl.js';

let sim: KubeSim;
let kc: KubeConfig;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev', 'staging'] });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  kc.setCurrentContext('dev');
  await sim.cluster('dev').create(namespace('apps'));
  await sim.cluster('dev').create(deployment('web', 'apps', 'nginx:1.25', 2));
  await sim.cluster('dev').settle();
});

afterAll(async () => {
  await sim.stop();
});

describe('@kubernetes/client-node against kube-sim', () => {
  it('has one context per cluster, each with its own server', () => {
    expect(kc.getContexts().map((c) => c.name)).toEqual(['dev', 'staging']);
    expect(sim.url('dev')).not.toBe(sim.url('staging'));
  });

  it('reads a deployment and sees a 404 as ApiException with a Status body', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'apps' });
    expect(d.status?.readyReplicas).toBe(2);
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    await expect(apps.readNamespacedDeployment({ name: 'nope', namespace: 'apps' })).rejects.toMatchObject({ code: 404 });
  });

  it('rejects a stale resourceVersion in a merge patch with 409 Conflict', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const patch = { metadata: { resourceVersion: '1', annotations: { a: 'b' } } };
    const err = (await apps
      .patchNamespacedDeployment({ name: 'web', namespace: 'apps', body: patch }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
      .catch((e: unknown) => e)) as { code: number; body: string };
    expect(err.code).toBe(409);
    expect(JSON.parse(err.body)).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409 });
  });

  it('watches pods with a label selector', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: 'apps', labelSelector: 'app=web' });
    expect(list.items).toHaveLength(2);
    const seen: string[] = [];
    const watch = new Watch(kc);
    let done!: () => void;
    const gotIt = new Promise<void>((r) => (done = r));
    const req = await watch.watch(
      '/api/v1/namespaces/apps/pods',
      { labelSelector: 'app=extra', resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: { metadata: { name: string } }) => {
        seen.push(`${type} ${obj.metadata.name}`);
        if (type === 'ADDED') done();
      },
      () => undefined,
    );
    await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other', namespace: 'apps', labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
    await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'extra', namespace: 'apps', labels: { app: 'extra' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
    await gotIt;
    req.abort();
    expect(seen[0]).toBe('ADDED extra');
    expect(seen.some((s) => s.includes('other'))).toBe(false);
  });
});
