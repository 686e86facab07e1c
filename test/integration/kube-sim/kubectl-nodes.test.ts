import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { KubectlResult } from './kubectl.js';
import { deployment, kubectlFor, must, namespace } from './kubectl.js';

let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('apps'));
});

afterAll(async () => {
  await sim.stop();
});

describe('kubectl node operations against kube-sim', () => {
  it('cordon and uncordon flip spec.unschedulable and the STATUS column', async () => {
    await must(k('cordon', 'node-c'));
    expect(sim.cluster('dev').get('v1', 'Node', undefined, 'node-c')?.spec).toMatchObject({ unschedulable: true });
    expect(await must(k('get', 'nodes'))).toMatch(/node-c\s+Ready,SchedulingDisabled/);
    await must(k('uncordon', 'node-c'));
    expect((sim.cluster('dev').get('v1', 'Node', undefined, 'node-c')?.spec as { unschedulable?: boolean }).unschedulable).toBeUndefined();
  });

  it('drain evicts through a PDB that blocks with 429 until it is freed', async () => {
    const dev = sim.cluster('dev');
    // One replica pinned to node-b, protected by minAvailable 1: eviction must wait.
    await dev.create({
      ...(deployment('solo', 'apps', 'nginx:1.25', 1) as Record<string, unknown>),
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'solo' } },
        template: { metadata: { labels: { app: 'solo' } }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-b' }, containers: [{ name: 'app', image: 'nginx:1.25' }] } },
      },
    });
    await dev.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'solo-pdb', namespace: 'apps' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'solo' } } } });
    await dev.settle();
    expect(dev.get('policy/v1', 'PodDisruptionBudget', 'apps', 'solo-pdb')?.status).toMatchObject({ currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 1 });
    dev.resetRequests();
    const drain = k('drain', 'node-b', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=40s');
    while (!dev.requests.some((r) => r.path.endsWith('/eviction') && r.status === 429)) await new Promise((r) => setTimeout(r, 50));
    expect(dev.list('v1', 'Pod', 'apps').filter((p) => p.metadata.labels?.app === 'solo')).toHaveLength(1);
    await dev.delete('policy/v1', 'PodDisruptionBudget', 'apps', 'solo-pdb');
    const result = await drain;
    expect(result.code).toBe(0);
    expect(result.stderr + result.stdout).toContain('Cannot evict pod as it would violate the pod\'s disruption budget.');
    expect(result.stdout).toContain('node/node-b drained');
    const evictions = dev.requests.filter((r) => r.path.endsWith('/eviction')).map((r) => r.status);
    expect(evictions).toContain(429);
    expect(evictions[evictions.length - 1]).toBe(201);
    expect(dev.get('v1', 'Node', undefined, 'node-b')?.spec).toMatchObject({ unschedulable: true });
    await must(k('uncordon', 'node-b'));
  });

  it('eviction with two matching PDBs is a 500, a healthy budget lets the pod go', async () => {
    const dev = sim.cluster('dev');
    await dev.create(deployment('pair', 'apps', 'nginx:1.25', 2));
    await dev.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pair-a', namespace: 'apps' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'pair' } } } });
    await dev.settle();
    const [victim] = dev.list('v1', 'Pod', 'apps').filter((p) => p.metadata.labels?.app === 'pair');
    const url = `${sim.url('dev')}/api/v1/namespaces/apps/pods/${victim?.metadata.name ?? ''}/eviction`;
    const body = JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: victim?.metadata.name, namespace: 'apps' } });
    await dev.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pair-b', namespace: 'apps' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'pair' } } } });
    const twice = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(twice.status).toBe(500);
    expect(((await twice.json()) as { message: string }).message).toContain('more than one PodDisruptionBudget');
    await dev.delete('policy/v1', 'PodDisruptionBudget', 'apps', 'pair-b');
    const ok = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(ok.status).toBe(201);
    expect(dev.get('v1', 'Pod', 'apps', victim?.metadata.name ?? '')).toBeUndefined();
  });
});
