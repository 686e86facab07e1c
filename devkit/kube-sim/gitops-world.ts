import { startGitServer } from '../git-server/index.js';
import type { KubeSim, KubeSimOptions } from './index.js';
import { startKubeSim } from './index.js';
import { printClusters } from './sandbox-print.js';
import { GITOPS_REPO, seedGitOps } from './seed/gitops.js';

export interface GitOpsWorldOptions {
  clusters: string[];
  basePort?: number;
  gitPort?: number;
  kubeconfigPath?: string;
  selfHealSeconds: number;
  gitToken: string;
  timing?: KubeSimOptions['timing'];
  appResyncSeconds?: number;
}

/** A KubeSim whose stop() also stops its Git server, plus where that server is. */
export interface GitOpsWorld extends KubeSim {
  gitRepoUrl: string;
  gitToken: string;
  /** The real helm 3 the simulation renders with (extracted by scripts/tools.ts). */
  helmPath: string;
  /** The real kubectl (its `kustomize` renders Flux sources for Shipmate's `/k8s diff`). */
  kubectlPath: string;
  /**
   * Resolves once the seed's three revisions are deployed everywhere (rejects if seeding failed).
   * The clusters and the repository are usable before that; the demo starts its other parts meanwhile.
   */
  seeded(): Promise<void>;
}

/**
 * The demo world plus GitOps (`shipmate sandbox --seed gitops`, `shipmate demo`): a Git server on
 * loopback, kube-sim with the simulated Argo CD and Flux controllers, and the seeded repository
 * and apps. Once seeded it prints the clusters, the repository URL and how to push to it.
 */
export async function startGitOpsWorld(opts: GitOpsWorldOptions, out: (line: string) => void): Promise<GitOpsWorld> {
  const { ensureTools } = await import('../../scripts/tools.js');
  const tools = await ensureTools();
  const git = await startGitServer({ token: opts.gitToken, ...(opts.gitPort ? { port: opts.gitPort } : {}) });
  let sim: KubeSim | undefined;
  try {
    sim = await startKubeSim({
      clusters: opts.clusters,
      seed: 'demo',
      ...(opts.basePort ? { basePort: opts.basePort } : {}),
      ...(opts.kubeconfigPath ? { kubeconfigPath: opts.kubeconfigPath } : {}),
      ...(opts.timing ? { timing: opts.timing } : {}),
      gitops: { tools, selfHealSeconds: opts.selfHealSeconds, appResyncSeconds: opts.appResyncSeconds ?? 30 },
    });
    const started = sim;
    // Never rejects: a failure is kept for seeded() so it cannot become an unhandled rejection.
    const seeding = seedGitOps({ git, clusters: opts.clusters.map((name) => ({ name, cluster: started.cluster(name) })) }).then(
      () => {
        printClusters(started, out);
        out(`GitOps repository (smart HTTP, anonymous reads): ${git.repoUrl(GITOPS_REPO)}`);
        out(`  push with the token as password: git push ${git.pushUrl(GITOPS_REPO).replace(`:${encodeURIComponent(opts.gitToken)}@`, ':<token>@')} HEAD:main`);
        out(`  Argo CD Application argocd/argo-api and Flux Kustomization flux-system/flux-web deploy into namespace shop; self-heal after ${opts.selfHealSeconds}s`);
        return undefined;
      },
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    return {
      ...started,
      gitRepoUrl: git.repoUrl(GITOPS_REPO),
      gitToken: opts.gitToken,
      helmPath: tools.helm,
      kubectlPath: tools.kubectl,
      seeded: async () => {
        const err = await seeding;
        if (err) throw err;
      },
      stop: async () => {
        await started.stop();
        await git.stop();
      },
    };
  } catch (err) {
    await sim?.stop();
    await git.stop();
    throw err;
  }
}
