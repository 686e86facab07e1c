import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from './cluster.js';
import { SimClusterImpl } from './cluster.js';
import type { Timing } from './controllers/env.js';
import type { GitOpsOptions } from './gitops/index.js';
import { createGitOpsHub } from './gitops/index.js';
import { buildKubeconfig } from './kubeconfig.js';
import { seedBase } from './seed/base.js';
import { seedDemo } from './seed/demo.js';

export type { SimCluster } from './cluster.js';
export type { KubeObject } from './types.js';
export type { RecordedRequest } from './context.js';
export type { FaultInjector, FaultSpec } from './faults.js';
export { seedDemo } from './seed/demo.js';

export interface KubeSimOptions {
  /** Default ['dev']; one HTTP server (own port) per cluster. */
  clusters?: string[];
  /** Default 'none': system namespaces and three Ready nodes only. */
  seed?: 'demo' | 'none';
  host?: string;
  /** 0/undefined = random ports; else cluster i listens on basePort+i. */
  basePort?: number;
  kubeconfigPath?: string;
  /** Images matching it crash-loop (default /crash|bad|broken/). */
  badImagePattern?: RegExp;
  timing?: { podStartMs?: number; podReadyMs?: number; crashBackoffMs?: number; controllerTickMs?: number; progressDeadlineScale?: number };
  /** Run simulated Argo CD and Flux controllers in every cluster (devkit/kube-sim/gitops). */
  gitops?: GitOpsOptions;
}

export interface KubeSim {
  kubeconfigPath: string;
  kubeconfig: string;
  contexts: string[];
  url(cluster: string): string;
  cluster(name: string): SimCluster;
  /** Present when started with `gitops`: waits until the simulated Argo CD / Flux are idle. */
  gitopsSettle?: (timeoutMs?: number) => Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_TIMING: Timing = { podStartMs: 20, podReadyMs: 30, crashBackoffMs: 200, controllerTickMs: 20, progressDeadlineScale: 0.01 };

function listen(sim: SimClusterImpl, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(port, host, () => resolve((sim.server.address() as AddressInfo).port));
  });
}

function close(sim: SimClusterImpl): Promise<void> {
  sim.runner.stop();
  return new Promise((resolve) => {
    sim.server.close(() => resolve());
    sim.server.closeAllConnections();
  });
}

/**
 * Start one simulated Kubernetes API server per cluster and write a kubeconfig for them. Both
 * the real kubectl and @kubernetes/client-node work against it.
 */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const names = options.clusters?.length ? options.clusters : ['dev'];
  const host = options.host ?? '127.0.0.1';
  const timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  const sims = new Map<string, SimClusterImpl>();
  const urls = new Map<string, string>();
  const gitops = options.gitops ? await createGitOpsHub(options.gitops) : undefined;
  try {
    for (const [i, name] of names.entries()) {
      const sim = new SimClusterImpl(name, timing, options.badImagePattern ?? /crash|bad|broken/);
      sims.set(name, sim);
      const port = await listen(sim, host, options.basePort ? options.basePort + i : 0);
      urls.set(name, `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
      await seedBase(sim);
      if (options.seed === 'demo') await seedDemo(sim, name);
      gitops?.attach({ api: sim.api, kick: () => sim.runner.kick() });
      sim.runner.start();
    }
  } catch (err) {
    await Promise.all([...sims.values()].map(close));
    await gitops?.stop();
    throw err;
  }
  const kubeconfig = buildKubeconfig(names.map((name) => ({ name, url: urls.get(name) ?? '' })));
  const kubeconfigPath = options.kubeconfigPath ?? join(await mkdtemp(join(tmpdir(), 'kube-sim-')), 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
  return {
    kubeconfigPath,
    kubeconfig,
    contexts: names,
    url: (cluster) => {
      const url = urls.get(cluster);
      if (!url) throw new Error(`kube-sim has no cluster "${cluster}"`);
      return url;
    },
    cluster: (cluster) => {
      const sim = sims.get(cluster);
      if (!sim) throw new Error(`kube-sim has no cluster "${cluster}"`);
      return sim;
    },
    ...(gitops ? { gitopsSettle: (timeoutMs?: number) => gitops.settle(timeoutMs) } : {}),
    stop: async () => {
      await Promise.all([...sims.values()].map(close));
      await gitops?.stop();
    },
  };
}
