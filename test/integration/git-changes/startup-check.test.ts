import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { gitopsRepoProblems } from '../../../src/cli/gitops-startup.js';
import { parseConfig } from '../../../src/config/index.js';
import type { ShipmateConfig } from '../../../src/config/types.js';

function config(repos: Record<string, string>): ShipmateConfig {
  const lines = Object.entries(repos).map(([name, url]) => `    ${name}: { url: "${url}", auth: { tokenEnv: GIT_TOKEN_${name.toUpperCase()} } }`);
  const r = parseConfig(`clusters: { c: { context: c } }
environments: { dev: { cluster: c, namespace: dev, policy: p } }
policies: { p: { run: ["*"] } }
gitops:
  repos:
${lines.join('\n')}
`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

describe('start-up check of the GitOps repositories', () => {
  let git: GitServer;
  beforeAll(async () => {
    git = await startGitServer({ token: 't' });
    await git.createRepo('empty');
  });
  afterAll(async () => {
    await git?.stop();
  });

  it('names the repository that is unreachable, has no such branch, or whose token variable is unset', async () => {
    const cfg = config({ down: 'http://127.0.0.1:9/deploy.git', empty: git.repoUrl('empty'), unset: git.repoUrl('empty') });
    const env: Record<string, string> = { GIT_TOKEN_DOWN: 't', GIT_TOKEN_EMPTY: 't' };
    const problems = await gitopsRepoProblems(cfg, (name) => env[name]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'gitops.repos.unset.auth: environment variable GIT_TOKEN_UNSET is not set',
      expect.stringMatching(/^gitops\.repos\.down: GitOps repository down \(http:\/\/127\.0\.0\.1:9\/deploy\.git\) is not reachable: .*(refused|connect)/i),
      `gitops.repos.empty: GitOps repository empty (${git.repoUrl('empty')}) has no branch main`,
      `gitops.repos.unset: GitOps repository unset (${git.repoUrl('empty')}) has no branch main`,
    ]);
  });
});
