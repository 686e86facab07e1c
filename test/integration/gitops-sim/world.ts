import type { GitServer } from '../../../devkit/git-server/index.js';
import { GitWorkdir, startGitServer } from '../../../devkit/git-server/index.js';
import type { KubeSim, KubeObject } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { GITOPS_REPO, seedGitOps } from '../../../devkit/kube-sim/seed/gitops.js';
import { gitopsRepoFiles } from '../../../devkit/kube-sim/seed/gitops-repo.js';
import { ensureTools } from '../../../scripts/tools.js';

export interface World {
  git: GitServer;
  sim: KubeSim;
  repoUrl: string;
  /** The seed's three commits, oldest first. */
  revisions: string[];
  work: GitWorkdir;
  errors: string[];
  stop(): Promise<void>;
}

/**
 * A Git server, one kube-sim cluster `dev` with the GitOps controllers (fast self-heal, Flux
 * intervals scaled down, Argo CD's periodic resync out of the way so only what a test asks for
 * happens), and the sandbox's GitOps seed.
 */
export async function startWorld(opts: { selfHealSeconds?: number } = {}): Promise<World> {
  const tools = await ensureTools();
  const errors: string[] = [];
  const git = await startGitServer({ token: 'test-token' });
  const sim = await startKubeSim({
    clusters: ['dev'],
    // A crash-looping rollout exceeds its 600 s progress deadline after ~3 s.
    timing: { progressDeadlineScale: 0.005 },
    gitops: {
      tools,
      selfHealSeconds: opts.selfHealSeconds ?? 0.3,
      appResyncSeconds: 3600,
      fluxIntervalScale: 1,
      onError: (controller, key, err) => errors.push(`${controller} ${key}: ${String(err)}`),
    },
  });
  const { repoUrl, revisions } = await seedGitOps({ git, clusters: [{ name: 'dev', cluster: sim.cluster('dev') }] });
  const work = await GitWorkdir.clone({ remote: git.pushUrl(GITOPS_REPO), author: { name: 'Test', email: 'test@example.com' } });
  return {
    git,
    sim,
    repoUrl,
    revisions,
    work,
    errors,
    stop: async () => {
      await work.remove();
      await sim.stop();
      await git.stop();
    },
  };
}

/** Commit the seed's files at another image tag (plus extra files) and push; returns the sha. */
export async function release(world: World, tag: string, extra: Record<string, string> = {}): Promise<string> {
  await world.work.run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
  return world.work.commitAndPush({ ...gitopsRepoFiles(['dev'], tag), ...extra }, `Release ${tag}`);
}

/** Poll until `check` returns a value (not undefined/false); fails with `what` after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function get(world: World, apiVersion: string, kind: string, namespace: string, name: string): KubeObject {
  const obj = world.sim.cluster('dev').get(apiVersion, kind, namespace, name);
  if (!obj) throw new Error(`${kind} ${namespace}/${name} not found`);
  return obj;
}

export function imageOf(world: World, name: string): string {
  const d = get(world, 'apps/v1', 'Deployment', 'shop', name) as { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } & KubeObject;
  return d.spec?.template?.spec?.containers?.[0]?.image ?? '';
}

export const image = (app: string, tag: string): string => `registry.example.com/shop/${app}:${tag}`;
