import { afterEach, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import { clientNodeKubeconfig, comparable, context, deploymentManifest, harness, kubectl, type Harness } from './support.js';

/**
 * Node parity: two identical simulated clusters; the real kubectl acts on `k`, Shipmate on `s`.
 * Shipmate's drain has kubectl's --ignore-daemonsets --delete-emptydir-data behaviour built in.
 */
let sim: KubeSim | undefined;
let h: Harness;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function twins(setup: (c: SimCluster) => Promise<void>): Promise<{ k: SimCluster; s: SimCluster }> {
  sim = await startKubeSim({ clusters: ['k', 's'] });
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['k', 's']);
  for (const name of ['k', 's']) {
    const c = sim.cluster(name);
    await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await setup(c);
    await c.settle();
  }
  return { k: sim.cluster('k'), s: sim.cluster('s') };
}

const kc = (args: string[]) => kubectl(sim?.kubeconfigPath ?? '', 'k', args);

async function shipmate(invocation: Invocation) {
  const op = h.ops.get(invocation.command);
  if (!op) throw new Error('missing operation');
  const ctx = context(invocation, { cluster: 's', namespace: 'shop' });
  const plan = await op.plan(ctx);
  return { plan, result: plan.noop ? undefined : await op.execute(ctx, plan), events: ctx.events };
}

const node = (c: SimCluster, name: string) => comparable(c.get('v1', 'Node', undefined, name));

/** Where pods are, by owner kind: generated names differ between clusters, placement must not. */
function placement(c: SimCluster): string[] {
  return c
    .list('v1', 'Pod')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => {
      const owner = p.metadata.ownerReferences?.find((o) => o.controller)?.kind ?? 'none';
      const mirror = p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? 'mirror' : '';
      return `${p.metadata.namespace}/${owner}${mirror}@${String((p.spec as { nodeName?: string }).nodeName)}`;
    })
    .sort();
}

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'reg/agent:1' }] } } },
};

const bare = (name: string, nodeName: string, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { nodeName, containers: [{ name: 'c', image: 'reg/static:1' }] },
});

describe('cordon / uncordon parity', () => {
  it('cordons like kubectl and sends nothing when already cordoned', async () => {
    const { k, s } = await twins(async () => undefined);
    await kc(['cordon', 'node-a']);
    await shipmate({ command: 'cordon', node: 'node-a', env: 'test' });
    expect(node(s, 'node-a')).toEqual(node(k, 'node-a'));
    s.resetRequests();
    const again = await shipmate({ command: 'cordon', node: 'node-a', env: 'test' });
    expect(again.plan.noop).toBe(true);
    expect(s.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    await kc(['uncordon', 'node-a']);
    await shipmate({ command: 'uncordon', node: 'node-a', env: 'test' });
    expect(node(s, 'node-a')).toEqual(node(k, 'node-a'));
  });
});

describe('drain parity', () => {
  it('skips DaemonSet and mirror pods, evicts emptyDir pods with a warning', async () => {
    const { k, s } = await twins(async (c) => {
      await c.create(deploymentManifest('shop', 'web', 'reg/web:1', { replicas: 3 }));
      // Pinned to node-b so the emptyDir case is certain; its replacement then stays Pending in both clusters.
      const cache = deploymentManifest('shop', 'cache', 'reg/cache:1', { replicas: 1 }) as { spec: { template: { spec: Record<string, unknown> } } };
      cache.spec.template.spec['volumes'] = [{ name: 'tmp', emptyDir: {} }];
      cache.spec.template.spec['nodeSelector'] = { 'kubernetes.io/hostname': 'node-b' };
      await c.create(cache);
      await c.create(daemonSet);
      await c.create(bare('static-web', 'node-b', { 'kubernetes.io/config.mirror': 'abc' }));
    });
    await kc(['drain', 'node-b', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=30s']);
    const { result } = await shipmate({ command: 'drain', node: 'node-b', env: 'test' });
    await k.settle();
    await s.settle();
    expect(result?.outcome).toBe('succeeded');
    expect(result?.sections[0]?.text).toContain('Warning: ignoring DaemonSet-managed Pods: shop/');
    expect(result?.sections[0]?.text).toContain('Warning: deleting Pods with local storage: shop/cache-');
    expect(node(s, 'node-b')).toEqual(node(k, 'node-b'));
    expect(placement(s)).toEqual(placement(k));
  });

  it('an unmanaged pod stops the drain: nothing evicted, node stays cordoned', async () => {
    const { k, s } = await twins(async (c) => {
      await c.create(deploymentManifest('shop', 'web', 'reg/web:1', { replicas: 3 }));
      await c.create(bare('loner', 'node-c'));
    });
    const kubectlFailed = await kc(['drain', 'node-c', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=10s']).then(() => false, () => true);
    expect(kubectlFailed).toBe(true);
    s.resetRequests();
    const { result } = await shipmate({ command: 'drain', node: 'node-c', env: 'test' });
    expect(result?.outcome).toBe('failed');
    expect(result?.summary).toContain('cannot delete Pods that declare no controller');
    expect(s.requests.filter((r) => r.path.endsWith('/eviction'))).toEqual([]);
    await k.settle();
    await s.settle();
    expect(node(s, 'node-c')).toEqual(node(k, 'node-c'));
    expect(placement(s)).toEqual(placement(k));
  });

  it('a PDB that blocks and then frees: eviction retries until it succeeds', async () => {
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } },
    };
    const { k, s } = await twins(async (c) => {
      await c.create(deploymentManifest('shop', 'web', 'reg/web:1', { replicas: 3 }));
      await c.create(pdb);
    });
    const free = (c: SimCluster) => setTimeout(() => void c.delete('policy/v1', 'PodDisruptionBudget', 'shop', 'web'), 1_000);
    free(k);
    await kc(['drain', 'node-a', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=30s']);
    free(s);
    const { result, events } = await shipmate({ command: 'drain', node: 'node-a', env: 'test' });
    expect(result?.outcome).toBe('succeeded');
    expect(s.requests.filter((r) => r.path.endsWith('/eviction') && r.status === 429).length).toBeGreaterThan(0);
    expect(events.some((e) => e.text.startsWith('evicted shop/web-'))).toBe(true);
    await k.settle();
    await s.settle();
    expect(node(s, 'node-a')).toEqual(node(k, 'node-a'));
    expect(placement(s)).toEqual(placement(k));
  });
});
