import type { KubeSim } from './index.js';
import { startKubeSim } from './index.js';
import { printClusters } from './sandbox-print.js';

export interface SandboxOptions {
  port?: number;
  kubeconfig?: string;
  clusters?: string[];
  seed?: 'demo' | 'none' | 'gitops';
  /** `--seed gitops`: how long simulated Argo CD lets drift stand before self-heal (default 10). */
  selfHealSeconds?: number;
  /** `--seed gitops`: the password pushes to the sandbox's Git server need (default `sandbox`). */
  gitToken?: string;
}

const SANDBOX_TIMING = { podStartMs: 1500, podReadyMs: 2500, crashBackoffMs: 10_000, controllerTickMs: 250, progressDeadlineScale: 0.1 };

/**
 * `shipmate sandbox`: start kube-sim with human-paced timings, write the kubeconfig and say how to
 * use it. The caller keeps the process alive and calls `stop()` on exit.
 */
export async function runSandbox(opts: SandboxOptions, out: (line: string) => void): Promise<KubeSim> {
  const clusters = opts.clusters?.length ? opts.clusters : ['dev', 'staging', 'prod'];
  if (opts.seed === 'gitops') {
    const { startGitOpsWorld } = await import('./gitops-world.js');
    const world = await startGitOpsWorld(
      {
        clusters,
        ...(opts.port ? { basePort: opts.port, gitPort: opts.port + clusters.length } : {}),
        ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
        selfHealSeconds: opts.selfHealSeconds ?? 10,
        gitToken: opts.gitToken ?? 'sandbox',
        timing: SANDBOX_TIMING,
      },
      out,
    );
    out('kube-sim and the Git server are up; Argo CD and Flux are deploying three seeded revisions…');
    try {
      await world.seeded();
    } catch (err) {
      await world.stop();
      throw err;
    }
    return world;
  }
  const sim = await startKubeSim({
    clusters,
    seed: opts.seed ?? 'demo',
    ...(opts.port ? { basePort: opts.port } : {}),
    ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
    timing: SANDBOX_TIMING,
  });
  printClusters(sim, out);
  return sim;
}
