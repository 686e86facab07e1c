import type { ConfigProblem } from '../config/index.js';
import type { ShipmateConfig } from '../config/types.js';
import { gitopsSecrets } from '../config/index.js';

/** Issue 14: every GitOps repository has its token in the environment and answers `git ls-remote`. */
export async function gitopsRepoProblems(config: ShipmateConfig, secretOf?: (name: string) => string | undefined, gitEnv?: Record<string, string>): Promise<ConfigProblem[]> {
  const { tokens, problems } = gitopsSecrets(config, secretOf);
  const repos = Object.entries(config.gitops?.repos ?? {});
  if (repos.length === 0) return problems;
  // Imported only when there are repositories to check: a bot without them never loads the Git client.
  const { checkRepoReachable } = await import('../git/index.js');
  const checks = repos.map(async ([name, r]) => {
    const problem = await checkRepoReachable({ name, url: r.url, branch: r.branch, author: r.author, token: tokens[name], env: gitEnv });
    return problem ? { path: `gitops.repos.${name}`, message: problem } : null;
  });
  return [...problems, ...(await Promise.all(checks)).filter((p): p is ConfigProblem => p !== null)];
}
