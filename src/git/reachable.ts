import { tmpdir } from 'node:os';
import { GitCommandError, runGit } from './git-exec.js';
import type { GitRepoSettings } from './git-checkout.js';

/** Start-up check: `git ls-remote` of the branch. Returns a problem naming the repository, or null. */
export async function checkRepoReachable(repo: GitRepoSettings, signal?: AbortSignal): Promise<string | null> {
  try {
    const out = await runGit(['ls-remote', '--heads', '--', repo.url, `refs/heads/${repo.branch}`], { cwd: tmpdir(), token: repo.token, baseEnv: repo.env, signal });
    return out.trim() ? null : `GitOps repository ${repo.name} (${repo.url}) has no branch ${repo.branch}`;
  } catch (err) {
    const why = err instanceof GitCommandError ? err.stderr.split('\n').slice(-1)[0] : String(err);
    return `GitOps repository ${repo.name} (${repo.url}) is not reachable: ${why}`;
  }
}
