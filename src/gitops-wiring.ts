import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ShipmateConfig } from './config/types.js';
import { gitopsSecrets } from './config/index.js';
import type { GitCheckout } from './git/index.js';
import type { OperationRegistryOptions } from './k8s/index.js';

export interface GitChangeWiringOptions {
  config: ShipmateConfig;
  logger: Logger;
  /** Working copies live here, one per repository (default: the temp dir, per Redis prefix). */
  cacheDir?: string | undefined;
  prefix: string;
  /** A Slack user id → handle, for commit trailers. */
  nameOf?: (userId: string) => Promise<string | undefined>;
  /** Reads the token variables the config names (RuntimeEnv.secretOf). */
  secretOf?: ((name: string) => string | undefined) | undefined;
  /** PATH and proxies for git (RuntimeEnv.gitEnv). */
  gitEnv?: Record<string, string> | undefined;
  /** SHIPMATE_KUBECTL_PATH: renders Flux's Kustomize sources for `/k8s diff` (default `kubectl` on PATH). */
  kubectlPath?: string | undefined;
}

/**
 * The GitOps repositories' infrastructure, for the composition root: one working copy per
 * `gitops.repos` entry (token from the environment variable the config names), shared by the
 * changes through Git (issue 14: `git`, absent when no repository is configured) and by Flux
 * `/k8s diff`, which renders the source from the same working copies (`fluxSources`). One
 * instance per repository: each queues its own git calls, so two on one directory would race.
 * Without repositories the Git client is never imported.
 */
export async function gitopsRepos(o: GitChangeWiringOptions): Promise<Pick<OperationRegistryOptions, 'git' | 'fluxSources'>> {
  const repos = o.config.gitops?.repos ?? {};
  const kustomize = { kubectl: o.kubectlPath ?? 'kubectl', path: o.gitEnv?.['PATH'] };
  if (Object.keys(repos).length === 0) return { fluxSources: { checkouts: () => [], kustomize } };
  const { createGitCheckout } = await import('./git/index.js');
  const { tokens, problems } = gitopsSecrets(o.config, o.secretOf);
  for (const p of problems) o.logger.warn({ path: p.path }, `GitOps: ${p.message}`);
  const cacheDir = o.cacheDir ?? join(tmpdir(), 'shipmate-git', o.prefix);
  const checkouts = new Map<string, GitCheckout>(
    Object.entries(repos).map(([name, r]) => [name, createGitCheckout({ repo: { name, url: r.url, branch: r.branch, author: r.author, token: tokens[name], env: o.gitEnv }, cacheDir })]),
  );
  const { config } = o;
  const git: OperationRegistryOptions['git'] = {
    strategyOf: (app) => config.apps[app]?.rollbackStrategy,
    git: {
      checkoutOf: (repo) => checkouts.get(repo),
      ...(o.nameOf ? { nameOf: o.nameOf } : {}),
      appOf: (app) => config.apps[app]?.gitops,
      envOf: (env) => {
        const e = config.environments[env];
        return e ? { cluster: e.cluster, namespace: e.namespace } : undefined;
      },
      promotionOf: (env) => {
        const policy = config.policies[config.environments[env]?.policy ?? ''];
        return { order: policy?.promotion, minHealthyMs: policy?.minHealthyTimeMs };
      },
    },
  };
  return { git, fluxSources: { checkouts: () => [...checkouts.values()], kustomize } };
}
