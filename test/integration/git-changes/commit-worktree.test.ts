import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkdir, startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { InvalidError } from '../../../src/core/errors.js';
import { createGitCheckout, type GitCheckout } from '../../../src/git/index.js';

/** GitCheckout.withCommit (Flux /k8s diff renders the commit source-controller published, wherever it lives). */
describe('a working copy reads one commit in a worktree of its own', () => {
  let git: GitServer;
  let work: GitWorkdir;
  let cacheDir: string;
  let checkout: GitCheckout;
  let mainSha: string;
  let sideSha: string;

  beforeAll(async () => {
    git = await startGitServer({ token: 'wt-token' });
    const url = await git.createRepo('deploy');
    work = await GitWorkdir.clone({ remote: git.pushUrl('deploy', 'wt-token') });
    mainSha = await work.commitAndPush({ 'apps/web/app.yaml': 'on: main\n' }, 'main');
    await work.run(['checkout', '--quiet', '-b', 'release']);
    await work.write({ 'apps/web/app.yaml': 'on: release\n' });
    sideSha = await work.commit('release only');
    expect((await work.run(['push', '--quiet', 'origin', 'release'])).code).toBe(0);
    cacheDir = await mkdtemp(join(tmpdir(), 'shipmate-commit-wt-'));
    checkout = createGitCheckout({ repo: { name: 'deploy', url, branch: 'main', author: 'Shipmate <s@example.com>' }, cacheDir });
  });
  afterAll(async () => {
    await work?.remove();
    await git?.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('a commit that is not on the configured branch is fetched by id; its worktree is gone afterwards', async () => {
    let seen = '';
    const text = await checkout.withCommit(sideSha, async (dir) => {
      seen = dir;
      return readFile(join(dir, 'apps/web/app.yaml'), 'utf8');
    });
    expect(text).toBe('on: release\n');
    expect(await stat(seen).then(() => true, () => false)).toBe(false);
    // The working copy itself still follows the configured branch.
    expect(await checkout.withFreshTree(async (tree) => ({ head: tree.head, text: await tree.readFile('apps/web/app.yaml') }))).toEqual({ head: mainSha, text: 'on: main\n' });
    expect(await checkout.withCommit(mainSha, async (dir) => (await readdir(dir)).filter((n) => n !== '.git'))).toEqual(['apps']);
  });

  it('a commit the repository does not have, or a sha that is not one, is a clear error', async () => {
    await expect(checkout.withCommit('0'.repeat(40), async () => 'never')).rejects.toThrow(new InvalidError(`GitOps repository deploy (${git.repoUrl('deploy')}) has no commit 000000000000`));
    await expect(checkout.withCommit('--upload-pack=touch /tmp/x', async () => 'never')).rejects.toBeInstanceOf(InvalidError);
  });
});
