import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { deployment, namespace } from './kubectl.js';

let sim: KubeSim;
let base: string;

async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': contentType } } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sim = await startKubeSim({ timing: { progressDeadlineScale: 0.002 } });
  base = sim.url('dev');
  await sim.cluster('dev').create(namespace('apps'));
});

afterAll(async () => {
  await sim.stop();
});

describe('kube-sim API semantics', () => {
  it('answers 404, 409 AlreadyExists and 409 Conflict as Status objects', async () => {
    const missing = await call('GET', '/apis/apps/v1/namespaces/apps/deployments/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'deployments.apps "nope" not found' });
    const created = await call('POST', '/apis/apps/v1/namespaces/apps/deployments', deployment('one', 'apps', 'nginx:1.25', 1));
    expect(created.status).toBe(201);
    const again = await call('POST', '/apis/apps/v1/namespaces/apps/deployments', deployment('one', 'apps', 'nginx:1.25', 1));
    expect(again.json).toMatchObject({ reason: 'AlreadyExists', code: 409 });
    const stale = { ...(created.json as object), metadata: { ...(created.json.metadata as object), resourceVersion: '1' } };
    const put = await call('PUT', '/apis/apps/v1/namespaces/apps/deployments/one', stale);
    expect(put.json).toMatchObject({ reason: 'Conflict', code: 409 });
    const invalid = await call('POST', '/apis/apps/v1/namespaces/apps/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad' }, spec: { template: { spec: { containers: [] } } } });
    expect(invalid.json).toMatchObject({ reason: 'Invalid', code: 422 });
  });

  it('dryRun=All returns the result without storing it', async () => {
    const res = await call('POST', '/api/v1/namespaces/apps/configmaps?dryRun=All', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' }, data: { a: '1' } });
    expect(res.status).toBe(201);
    expect(sim.cluster('dev').get('v1', 'ConfigMap', 'apps', 'dry')).toBeUndefined();
    const patch = await call('PATCH', '/apis/apps/v1/namespaces/apps/deployments/one?dryRun=All', { spec: { replicas: 5 } }, 'application/merge-patch+json');
    expect((patch.json.spec as { replicas: number }).replicas).toBe(5);
    expect((sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'one')?.spec as { replicas: number }).replicas).toBe(1);
  });

  it('paginates with limit/continue and bumps generation only on spec changes', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${n}`, namespace: 'apps', labels: { page: 'yes' } } });
    const names: string[] = [];
    let cont = '';
    do {
      const page = await call('GET', `/api/v1/namespaces/apps/configmaps?labelSelector=page%3Dyes&limit=2${cont ? `&continue=${cont}` : ''}`);
      names.push(...(page.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name));
      cont = ((page.json.metadata as { continue?: string }).continue ?? '');
    } while (cont);
    expect(names).toEqual(['cm-a', 'cm-b', 'cm-c', 'cm-d', 'cm-e']);
    const before = sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'one');
    await call('PATCH', '/apis/apps/v1/namespaces/apps/deployments/one', { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
    const labelled = sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'one');
    expect(labelled?.metadata.generation).toBe(before?.metadata.generation);
    await call('PATCH', '/apis/apps/v1/namespaces/apps/deployments/one', { spec: { replicas: 2 } }, 'application/merge-patch+json');
    expect(sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'one')?.metadata.generation).toBe((before?.metadata.generation ?? 0) + 1);
  });

  it('registers CRDs into discovery and serves their objects', async () => {
    await sim.cluster('dev').create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    const groups = await call('GET', '/apis');
    expect((groups.json.groups as { name: string }[]).some((g) => g.name === 'example.com')).toBe(true);
    const resources = await call('GET', '/apis/example.com/v1');
    expect(resources.json.resources).toEqual([expect.objectContaining({ name: 'widgets', kind: 'Widget', namespaced: true, shortNames: ['wd'] })]);
    const created = await call('POST', '/apis/example.com/v1/namespaces/apps/widgets', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } });
    expect(created.status).toBe(201);
    expect(sim.cluster('dev').list('example.com/v1', 'Widget', 'apps')).toHaveLength(1);
  });

  it('watch resumes from a resourceVersion and turns a selector exit into DELETED', async () => {
    const list = await call('GET', '/api/v1/namespaces/apps/configmaps?labelSelector=page%3Dyes');
    const rv = (list.json.metadata as { resourceVersion: string }).resourceVersion;
    await call('PATCH', '/api/v1/namespaces/apps/configmaps/cm-a', { metadata: { labels: { page: 'no' } } }, 'application/merge-patch+json');
    await call('PATCH', '/api/v1/namespaces/apps/configmaps/cm-b', { data: { k: 'v' } }, 'application/merge-patch+json');
    const res = await fetch(`${base}/api/v1/namespaces/apps/configmaps?watch=true&labelSelector=page%3Dyes&resourceVersion=${rv}&timeoutSeconds=1`);
    const events = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED cm-a', 'MODIFIED cm-b']);
  });

  it('marks a rollout stuck on a crash-looping image with ProgressDeadlineExceeded', async () => {
    const dev = sim.cluster('dev');
    await dev.create({ ...(deployment('stuck', 'apps', 'app:v1-broken', 1) as Record<string, unknown>), spec: { ...((deployment('stuck', 'apps', 'app:v1-broken', 1) as { spec: object }).spec), progressDeadlineSeconds: 60 } });
    let reason: string | undefined;
    while (reason !== 'ProgressDeadlineExceeded') {
      await new Promise((r) => setTimeout(r, 25));
      const conditions = ((dev.get('apps/v1', 'Deployment', 'apps', 'stuck')?.status as { conditions?: { type: string; reason: string }[] } | undefined)?.conditions ?? []);
      reason = conditions.find((c) => c.type === 'Progressing')?.reason;
    }
    expect(reason).toBe('ProgressDeadlineExceeded');
  });

  it('injects faults by path and records every request', async () => {
    const dev = sim.cluster('dev');
    dev.resetRequests();
    dev.faults.add({ method: 'GET', path: /\/deployments\/one$/, status: 503, times: 1 });
    const first = await call('GET', '/apis/apps/v1/namespaces/apps/deployments/one');
    const second = await call('GET', '/apis/apps/v1/namespaces/apps/deployments/one');
    expect([first.status, second.status]).toEqual([503, 200]);
    expect(first.json).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect(dev.requests.map((r) => r.status)).toEqual([503, 200]);
    dev.faults.clear();
  });

  it('seeds the demo world with rollout history, a crash-looping staging rollout and CRDs', async () => {
    const demo = await startKubeSim({ clusters: ['dev', 'staging'], seed: 'demo' });
    try {
      const staging = demo.cluster('staging');
      await staging.settle();
      const rs = staging.list('apps/v1', 'ReplicaSet', 'shop').filter((r) => r.metadata.name.startsWith('api-service-'));
      expect(rs.map((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['1', '2', '3']);
      expect(staging.list('v1', 'Pod', 'shop').some((p) => JSON.stringify(p.status).includes('"lastState":{"terminated":{"exitCode":1') && p.metadata.name.startsWith('checkout-'))).toBe(true);
      expect(staging.get('v1', 'ResourceQuota', 'shop', 'shop-quota')?.status).toMatchObject({ used: { 'requests.cpu': '3700m', pods: '18' } });
      // The demo's TLS material: a failing cert-manager Certificate and kubernetes.io/tls Secrets.
      expect(staging.list('cert-manager.io/v1', 'Certificate').map((c) => c.metadata.name)).toEqual(['payments']);
      expect(staging.list('v1', 'Secret', 'shop').filter((x) => (x as { type?: string }).type === 'kubernetes.io/tls').length).toBeGreaterThanOrEqual(5);
      expect(staging.get('policy/v1', 'PodDisruptionBudget', 'shop', 'api-service-pdb')?.status).toMatchObject({ expectedPods: 3, disruptionsAllowed: 2 });
      const ds = staging.get('apps/v1', 'DaemonSet', 'kube-system', 'log-agent');
      expect(ds?.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
      expect(staging.list('apps/v1', 'ControllerRevision', 'shop').filter((c) => c.metadata.name.startsWith('orders-db-'))).toHaveLength(2);
    } finally {
      await demo.stop();
    }
  });
});
