/**
 * Time for Shipmate to drain a node running 100 pods (cordon, list, 100 evictions, deletion
 * waits) against kube-sim, next to `kubectl drain` of an identical node in a second cluster.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startKubeSim } from '../devkit/kube-sim/index.js';
import { createClusterRegistry } from '../src/k8s/client/cluster-registry.js';
import { createOperations } from '../src/k8s/operations/create-operations.js';
import { isMutating } from '../src/commands/registry.js';
import { clientNodeKubeconfig, context, deploymentManifest, kubectl, silentLogger } from '../test/integration/k8s/support.js';

const PODS = 100;

export async function run(): Promise<void> {
  const sim = await startKubeSim({ clusters: ['k', 's'] });
  try {
    for (const name of ['k', 's']) {
      const c = sim.cluster(name);
      await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
      // Pinned to node-a: the evicted pods' replacements stay Pending instead of moving around.
      const d = deploymentManifest('shop', 'web', 'reg/web:1', { replicas: PODS }) as { spec: { template: { spec: Record<string, unknown> } } };
      d.spec.template.spec['nodeSelector'] = { 'kubernetes.io/hostname': 'node-a' };
      await c.create(d);
      await c.settle(120_000);
    }
    const registry = createClusterRegistry({ clusters: { s: { context: 's' } }, kubeconfigPath: await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), logger: silentLogger });
    const ops = createOperations({ registry, logger: silentLogger, mutates: isMutating });
    const drain = ops.get('drain');
    if (!drain) throw new Error('drain operation missing');

    let t = performance.now();
    await kubectl(sim.kubeconfigPath, 'k', ['drain', 'node-a', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=120s']);
    const kubectlMs = performance.now() - t;

    sim.cluster('s').resetRequests();
    const ctx = context({ command: 'drain', node: 'node-a', env: 'bench' }, { cluster: 's', namespace: 'shop' }, { limits: { drainTimeoutMs: 120_000 } });
    t = performance.now();
    const result = await drain.execute(ctx, await drain.plan(ctx));
    const shipmateMs = performance.now() - t;
    console.log(`drain of a ${PODS}-pod node against kube-sim`);
    console.log(`  kubectl drain     : ${kubectlMs.toFixed(0)} ms`);
    console.log(`  Shipmate drain    : ${shipmateMs.toFixed(0)} ms (plan + execute, ${sim.cluster('s').requests.length} API requests, outcome ${result.outcome}: ${result.summary})`);
    console.log(`  ratio Shipmate/kubectl: ${(shipmateMs / kubectlMs).toFixed(2)}`);
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
