import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { KubectlResult } from './kubectl.js';
import { deployment, kubectlFor, must, namespace } from './kubectl.js';

let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

const rsOf = (name: string): KubeObject[] =>
  sim
    .cluster('dev')
    .list('apps/v1', 'ReplicaSet', 'apps')
    .filter((rs) => rs.metadata.ownerReferences?.[0]?.name === name);
const revision = (o: KubeObject): string | undefined => o.metadata.annotations?.['deployment.kubernetes.io/revision'];
const image = (o: KubeObject): string | undefined => (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  const dev = sim.cluster('dev');
  await dev.create(namespace('apps'));
  await dev.create(deployment('web', 'apps', 'nginx:1.25', 2, { 'kubernetes.io/change-cause': 'first' }));
  await dev.settle();
});

afterAll(async () => {
  await sim.stop();
});

describe('kubectl rollouts against kube-sim', () => {
  it('set image → rollout status succeeds, history shows both revisions', async () => {
    await must(k('-n', 'apps', 'set', 'image', 'deployment/web', 'app=nginx:1.26'));
    await must(k('-n', 'apps', 'annotate', 'deployment/web', 'kubernetes.io/change-cause=second', '--overwrite'));
    const status = await must(k('-n', 'apps', 'rollout', 'status', 'deployment/web', '--timeout=30s'));
    expect(status).toContain('deployment "web" successfully rolled out');
    const history = await must(k('-n', 'apps', 'rollout', 'history', 'deployment/web'));
    expect(history).toMatch(/1\s+first/);
    expect(history).toMatch(/2\s+second/);
    const rs = rsOf('web');
    expect(rs).toHaveLength(2);
    const current = rs.find((r) => revision(r) === '2');
    expect(current && image(current)).toBe('nginx:1.26');
    expect(current?.metadata.labels?.['pod-template-hash']).toBe(current?.metadata.name.slice('web-'.length));
    expect(current?.metadata.annotations?.['kubernetes.io/change-cause']).toBe('second');
    const pods = sim.cluster('dev').list('v1', 'Pod', 'apps');
    expect(pods.every((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image === 'nginx:1.26')).toBe(true);
  });

  it('rollout undo re-uses the old ReplicaSet and renumbers it to max+1', async () => {
    const before = rsOf('web').find((r) => revision(r) === '1');
    await must(k('-n', 'apps', 'rollout', 'undo', 'deployment/web'));
    await must(k('-n', 'apps', 'rollout', 'status', 'deployment/web', '--timeout=30s'));
    const rs = rsOf('web');
    expect(rs).toHaveLength(2);
    const reused = rs.find((r) => r.metadata.uid === before?.metadata.uid);
    expect(reused && revision(reused)).toBe('3');
    expect(reused?.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    const d = sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'web');
    expect(d && image(d)).toBe('nginx:1.25');
    expect(revision(d!)).toBe('3');
    expect(d?.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first');
    const history = await must(k('-n', 'apps', 'rollout', 'history', 'deployment/web'));
    expect(history).not.toMatch(/^1\s/m);
    expect(history).toMatch(/^2\s+second/m);
    expect(history).toMatch(/^3\s+first/m);
  });

  it('rollout undo --to-revision=N picks that revision; unknown N is an error', async () => {
    await must(k('-n', 'apps', 'rollout', 'undo', 'deployment/web', '--to-revision=2'));
    await must(k('-n', 'apps', 'rollout', 'status', 'deployment/web', '--timeout=30s'));
    const d = sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'web');
    expect(d && image(d)).toBe('nginx:1.26');
    expect(revision(d!)).toBe('4');
    const missing = await k('-n', 'apps', 'rollout', 'undo', 'deployment/web', '--to-revision=9');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('unable to find specified revision 9 in history');
  });

  it('rollout restart stamps restartedAt and rolls new pods', async () => {
    const before = new Set(sim.cluster('dev').list('v1', 'Pod', 'apps').map((p) => p.metadata.name));
    await must(k('-n', 'apps', 'rollout', 'restart', 'deployment/web'));
    await must(k('-n', 'apps', 'rollout', 'status', 'deployment/web', '--timeout=30s'));
    const d = sim.cluster('dev').get('apps/v1', 'Deployment', 'apps', 'web');
    const t = (d?.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template;
    expect(t.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeDefined();
    await sim.cluster('dev').settle();
    const after = sim.cluster('dev').list('v1', 'Pod', 'apps').map((p) => p.metadata.name);
    expect(after.some((n) => before.has(n))).toBe(false);
  });

  it('scale --replicas changes spec.replicas through the scale subresource', async () => {
    sim.cluster('dev').resetRequests();
    await must(k('-n', 'apps', 'scale', 'deployment/web', '--replicas=4'));
    await sim.cluster('dev').settle();
    expect(sim.cluster('dev').requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/web/scale'))).toBe(true);
    const out = await must(k('-n', 'apps', 'get', 'deployment', 'web'));
    expect(out).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    expect(out).toMatch(/web\s+4\/4\s+4\s+4/);
  });

  it('rollout undo statefulset returns to the previous ControllerRevision', async () => {
    const dev = sim.cluster('dev');
    await dev.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'apps' },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16.3' }] } } },
    });
    await dev.settle();
    await must(k('-n', 'apps', 'set', 'image', 'statefulset/db', 'pg=postgres:16.4'));
    await must(k('-n', 'apps', 'rollout', 'status', 'statefulset/db', '--timeout=30s'));
    const history = await must(k('-n', 'apps', 'rollout', 'history', 'statefulset/db'));
    expect(history).toMatch(/^1\s/m);
    expect(history).toMatch(/^2\s/m);
    await must(k('-n', 'apps', 'rollout', 'undo', 'statefulset/db'));
    await must(k('-n', 'apps', 'rollout', 'status', 'statefulset/db', '--timeout=30s'));
    const sts = dev.get('apps/v1', 'StatefulSet', 'apps', 'db');
    expect(sts && image(sts)).toBe('postgres:16.3');
    const revs = dev.list('apps/v1', 'ControllerRevision', 'apps').filter((r) => r.metadata.ownerReferences?.[0]?.name === 'db');
    expect(revs.map((r) => r.revision).sort()).toEqual([2, 3]);
    const pods = dev.list('v1', 'Pod', 'apps').filter((p) => p.metadata.name.startsWith('db-'));
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(['db-0', 'db-1']);
    expect(pods.every((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image === 'postgres:16.3')).toBe(true);
  });
});
