import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterApi } from '../api.js';
import { ArgoAppController } from './argocd/app-controller.js';
import type { GitOpsContext, GitOpsTiming } from './context.js';
import { installGitOpsCrds } from './crds.js';
import { FluxHelmController } from './flux/helm-controller.js';
import { FluxKustomizeController } from './flux/kustomize-controller.js';
import { FluxSourceController } from './flux/source-controller.js';
import { GitCache } from './git-cache.js';
import type { Tools } from './render.js';

export interface GitOpsOptions {
  /** The real kubectl and helm binaries (scripts/tools.ts ensureTools()). */
  tools: Tools;
  /** Argo CD self-heal delay; default 5 (Argo CD's --self-heal-timeout-seconds default). */
  selfHealSeconds?: number;
  /** How often an Application re-reads Git without being asked; default 180 (timeout.reconciliation). */
  appResyncSeconds?: number;
  /** Multiplies every Flux interval (tests use a small factor); default 1. */
  fluxIntervalScale?: number;
  /** Latency between a managed object changing and the controllers looking at it; default 20 ms. */
  eventDelayMs?: number;
  /** Called when a reconcile throws (default: ignored, the object is retried on its next interval). */
  onError?: (controller: string, key: string, err: unknown) => void;
}

/** The GitOps controllers of all clusters of one kube-sim, sharing one Git clone cache. */
export interface GitOpsHub {
  attach(cluster: { api: ClusterApi; kick(): void }): void;
  /**
   * Resolves once no GitOps reconcile is running or due soon (interval requeues excepted): the
   * point after which "nothing happened" is a fact a test may assert. Rejects after timeoutMs.
   */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Controller {
  start(): void;
  stop(): void;
  busy(windowMs: number): boolean;
}

export async function createGitOpsHub(options: GitOpsOptions): Promise<GitOpsHub> {
  const root = await mkdtemp(join(tmpdir(), 'kube-sim-gitops-'));
  const scratch = join(root, 'scratch');
  await mkdir(scratch, { recursive: true });
  const cache = new GitCache(join(root, 'git'));
  const timing: GitOpsTiming = {
    selfHealMs: (options.selfHealSeconds ?? 5) * 1000,
    appResyncMs: (options.appResyncSeconds ?? 180) * 1000,
    fluxIntervalScale: options.fluxIntervalScale ?? 1,
    eventDelayMs: options.eventDelayMs ?? 20,
  };
  const controllers: Controller[] = [];
  return {
    attach: (cluster) => {
      installGitOpsCrds(cluster.api);
      const ctx: GitOpsContext = {
        api: cluster.api,
        cache,
        tools: options.tools,
        scratch,
        timing,
        kick: () => cluster.kick(),
        onError: options.onError ?? (() => undefined),
      };
      for (const c of [new FluxSourceController(ctx), new FluxKustomizeController(ctx), new FluxHelmController(ctx), new ArgoAppController(ctx)]) {
        controllers.push(c);
        c.start();
      }
    },
    settle: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      // Two quiet looks in a row: a reconcile that just finished may have enqueued a follow-up.
      while (quiet < 2) {
        if (Date.now() > deadline) throw new Error(`GitOps controllers did not settle within ${timeoutMs} ms`);
        quiet = controllers.some((c) => c.busy(timing.eventDelayMs * 2)) ? 0 : quiet + 1;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: async () => {
      for (const c of controllers) c.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
