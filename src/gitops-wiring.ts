import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ShipmateConfig } from './config/types.js';
import { gitopsSecrets } from './config/index.js';
import type { OperationRegistry } from './core/operation.js';
import type { GitCheckout } from './git/index.js';
import type { ClusterRegistry, OwnerOptions } from './k8s/index.js';
import { isMutating } from './commands/registry.js';

export interface GitChangeWiringOptions {
  config: ShipmateConfig;
  clusters: ClusterRegistry;
  logger: Logger;
  /** The registry for everything that is not a Git change. */
  base: OperationRegistry;
  /** Working copies live here, one per repository (default: the temp dir, per Redis prefix). */
  cacheDir?: string | undefined;
  prefix: string;
  pollMs?: number | undefined;
  /** A Slack user id → handle, for commit trailers. */
  nameOf?: (userId: string) => Promise<string | undefined>;
  /** The owners module's options (config pins), shared with the other commands. */
  owners?: OwnerOptions;
  /** Reads the token variables the config names (RuntimeEnv.secretOf). */
  secretOf?: ((name: string) => string | undefined) | undefined;
  /** PATH and proxies for git (RuntimeEnv.gitEnv). */
  gitEnv?: Record<string, string> | undefined;
}

/**
 * Issue 14's composition: one working copy per `gitops.repos` entry (token from the environment
 * variable the config names) and the Git-change operations in front of `base`. Without GitOps
 * repositories it is `base`, and the Git code is never imported.
 */
export async function withGitChanges(o: GitChangeWiringOptions): Promise<OperationRegistry> {
  const repos = o.config.gitops?.repos ?? {};
  if (Object.keys(repos).length === 0) return o.base;
  const [{ createGitCheckout }, { createGitChangeOperations }] = await Promise.all([import('./git/index.js'), import('./k8s/git-changes.js')]);
  const { tokens, problems } = gitopsSecrets(o.config, o.secretOf);
  for (const p of problems) o.logger.warn({ path: p.path }, `GitOps: ${p.message}`);
  const cacheDir = o.cacheDir ?? join(tmpdir(), 'shipmate-git', o.prefix);
  const checkouts = new Map<string, GitCheckout>(
    Object.entries(repos).map(([name, r]) => [name, createGitCheckout({ repo: { name, url: r.url, branch: r.branch, author: r.author, token: tokens[name], env: o.gitEnv }, cacheDir })]),
  );
  const { config } = o;
  return createGitChangeOperations({
    registry: o.clusters, logger: o.logger, showEnv: config.debug.showEnv, mutates: isMutating, base: o.base,
    ...(o.owners ? { owners: o.owners } : {}),
    strategyOf: (app) => config.apps[app]?.rollbackStrategy,
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
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
  });
}
