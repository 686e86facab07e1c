/**
 * Shipmate's Deployment rollback vs `kubectl rollout undo` against the same kube-sim: wall time and
 * API requests per rollback (median of several runs each). Shipmate's figure covers the same work
 * kubectl does (GET, LIST ReplicaSets, PATCH), not the rollout watch that follows.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startKubeSim } from '../devkit/kube-sim/index.js';
import { createClusterRegistry } from '../src/k8s/client/cluster-registry.js';
import { getWorkload } from '../src/k8s/client/kube-call.js';
import { planRollback, sendRollback } from '../src/k8s/workloads/rollback.js';
import { workloadHistory } from '../src/k8s/workloads/workload-history.js';
import { clientNodeKubeconfig, deploymentManifest, kubectl, silentLogger } from '../test/integration/k8s/support.js';

const RUNS = 7;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function run(): Promise<void> {
  const sim = await startKubeSim({ clusters: ['dev'] });
  try {
    const dev = sim.cluster('dev');
    const registry = createClusterRegistry({ clusters: { dev: { context: 'dev' } }, kubeconfigPath: await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), logger: silentLogger });
    const clients = registry.clients('dev');
    const cacheDir = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
    const namespaces: string[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const ns = `bench-${i}`;
      namespaces.push(ns);
      await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      await dev.create(deploymentManifest(ns, 'api', 'reg/api:v1', { replicas: 1 }));
    }
    await dev.settle(60_000);
    for (const ns of namespaces) await kubectl(sim.kubeconfigPath, 'dev', ['-n', ns, 'set', 'image', 'deployment/api', 'app=reg/api:v2']);
    await dev.settle(60_000);

    const kubectlMs: number[] = [];
    const kubectlReqs: number[] = [];
    const shipmateMs: number[] = [];
    const shipmateReqs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const kNs = namespaces[2 * i] ?? '';
      const sNs = namespaces[2 * i + 1] ?? '';
      dev.resetRequests();
      let t = performance.now();
      await kubectl(sim.kubeconfigPath, 'dev', ['--cache-dir', cacheDir, '-n', kNs, 'rollout', 'undo', 'deployment/api']);
      kubectlMs.push(performance.now() - t);
      kubectlReqs.push(dev.requests.length);
      dev.resetRequests();
      t = performance.now();
      const obj = await getWorkload(clients, { kind: 'Deployment', name: 'api' }, sNs);
      await sendRollback(clients, planRollback(obj, await workloadHistory(clients, obj), undefined));
      shipmateMs.push(performance.now() - t);
      shipmateReqs.push(dev.requests.length);
    }
    const km = median(kubectlMs);
    const sm = median(shipmateMs);
    console.log(`rollback, median of ${RUNS} runs against kube-sim`);
    console.log(`  kubectl rollout undo : ${km.toFixed(1)} ms, ${median(kubectlReqs)} API requests (process start + discovery included)`);
    console.log(`  Shipmate rollback    : ${sm.toFixed(1)} ms, ${median(shipmateReqs)} API requests`);
    console.log(`  ratio Shipmate/kubectl: time ${(sm / km).toFixed(2)}, requests ${(median(shipmateReqs) / median(kubectlReqs)).toFixed(2)}`);
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
