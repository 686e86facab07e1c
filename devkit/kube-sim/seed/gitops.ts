import type { GitServer } from '../../git-server/index.js';
import { GitWorkdir } from '../../git-server/workdir.js';
import type { SimCluster } from '../cluster.js';
import type { KubeObject } from '../types.js';
import { isObj } from '../types.js';
import { GITOPS_SEED_TAGS, gitopsRepoFiles } from './gitops-repo.js';

export const GITOPS_REPO = 'gitops';

export interface GitOpsSeedOptions {
  git: GitServer;
  clusters: { name: string; cluster: SimCluster }[];
  /** Give up waiting for the controllers after this long (default 60 s). */
  timeoutMs?: number;
}

function application(name: string, repoURL: string, cluster: string): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${name}/envs/${cluster}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
      revisionHistoryLimit: 10,
    },
  };
}

function fluxObjects(name: string, url: string, cluster: string): object[] {
  const metadata = { name, namespace: 'flux-system' };
  return [
    { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata, spec: { url, ref: { branch: 'main' }, interval: '1m', timeout: '60s' } },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: { sourceRef: { kind: 'GitRepository', name }, path: `./apps/${name}/envs/${cluster}`, prune: true, interval: '5m', retryInterval: '1m', timeout: '3m', wait: false },
    },
  ];
}

async function until(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gitops seed: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function deployedRevision(cluster: SimCluster, sha: string): boolean {
  const app = cluster.get('argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api');
  const history = app && isObj(app.status) && Array.isArray(app.status.history) ? (app.status.history as { revision?: string }[]) : [];
  const ks = cluster.get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web');
  const applied = ks && isObj(ks.status) ? ks.status.lastAppliedRevision : undefined;
  return history.some((h) => h.revision === sha) && applied === `main@sha1:${sha}`;
}

async function annotate(cluster: SimCluster, apiVersion: string, kind: string, namespace: string, name: string, annotations: Record<string, string>): Promise<void> {
  const obj = cluster.get(apiVersion, kind, namespace, name) as KubeObject;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), ...annotations };
  await cluster.update(obj);
}

/**
 * The GitOps part of the sandbox/demo world: a repository `gitops` on the Git server with
 * apps/argo-api and apps/flux-web per cluster, and in every cluster the Argo CD Application
 * `argo-api` and the Flux GitRepository + Kustomization `flux-web`. Three commits bump both image
 * tags; each is deployed (refresh / requestedAt) before the next, so every app has three revisions
 * of history. Needs kube-sim started with `gitops` options.
 */
export async function seedGitOps(opts: GitOpsSeedOptions): Promise<{ repoUrl: string; revisions: string[] }> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const repoUrl = await opts.git.createRepo(GITOPS_REPO);
  const work = await GitWorkdir.clone({ remote: opts.git.pushUrl(GITOPS_REPO), author: { name: 'CI', email: 'ci@shop.example.com' } });
  const names = opts.clusters.map((c) => c.name);
  const revisions: string[] = [];
  try {
    for (const [i, tag] of GITOPS_SEED_TAGS.entries()) {
      const sha = await work.commitAndPush(gitopsRepoFiles(names, tag), `Release argo-api and flux-web ${tag}`);
      revisions.push(sha);
      for (const { cluster, name } of opts.clusters) {
        if (i === 0) {
          if (!cluster.get('v1', 'Namespace', undefined, 'shop')) await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
          await cluster.create(application('argo-api', repoUrl, name));
          for (const obj of fluxObjects('flux-web', repoUrl, name)) await cluster.create(obj);
        } else {
          await annotate(cluster, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api', { 'argocd.argoproj.io/refresh': 'normal' });
          await annotate(cluster, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'flux-web', { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() });
        }
      }
      for (const { cluster, name } of opts.clusters) await until(`${name} to deploy ${tag}`, timeoutMs, () => deployedRevision(cluster, sha));
    }
  } finally {
    await work.remove();
  }
  return { repoUrl, revisions };
}
