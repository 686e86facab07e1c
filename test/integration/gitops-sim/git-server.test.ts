import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitServer } from '../../../devkit/git-server/index.js';
import { GitWorkdir, startGitServer } from '../../../devkit/git-server/index.js';
import { git } from '../../../devkit/git-server/git.js';

describe('devkit git server (git http-backend over smart HTTP)', () => {
  let server: GitServer;
  const dirs: GitWorkdir[] = [];
  const clone = async (remote: string): Promise<GitWorkdir> => {
    const w = await GitWorkdir.clone({ remote });
    dirs.push(w);
    return w;
  };
  const head = async (): Promise<string> => (await git(['ls-remote', server.repoUrl('shop'), 'refs/heads/main'])).stdout.split('\t')[0] ?? '';

  beforeAll(async () => {
    server = await startGitServer({ token: 's3cret' });
    await server.createRepo('shop');
    const seed = await clone(server.pushUrl('shop'));
    await seed.commitAndPush({ 'apps/api/kustomization.yaml': 'images: []\n' }, 'first');
  });

  afterAll(async () => {
    for (const w of dirs) await w.remove();
    await server?.stop();
  });

  it('serves anonymous clones', async () => {
    const w = await clone(server.repoUrl('shop'));
    expect(await readFile(join(w.dir, 'apps/api/kustomization.yaml'), 'utf8')).toBe('images: []\n');
  });

  it('accepts a push with the token and records it as a fast-forward', async () => {
    const w = await clone(server.pushUrl('shop', 's3cret'));
    const sha = await w.commitAndPush({ 'apps/api/kustomization.yaml': 'images: [{name: api, newTag: "2"}]\n' }, 'second');
    expect(await head()).toBe(sha);
    expect(server.pushes.at(-1)).toMatchObject({ repo: 'shop', ref: 'refs/heads/main', new: sha, forced: false, rejected: false, user: 'git' });
  });

  it('refuses pushes without a token (401) or with a wrong one, and records the wrong token', async () => {
    const anonymous = await fetch(`${server.repoUrl('shop')}/info/refs?service=git-receive-pack`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${server.repoUrl('shop')}/info/refs?service=git-receive-pack`, { headers: { authorization: `Basic ${Buffer.from('git:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);

    const before = await head();
    const w = await clone(server.pushUrl('shop', 'not-the-token'));
    await w.write({ 'x.txt': 'x' });
    await w.commit('sneaky');
    const r = await w.push();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Authentication failed');
    expect(await head()).toBe(before);
    expect(server.authFailures.filter((f) => f.reason === 'wrong-token').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a non-fast-forward push and records the attempt as forced', async () => {
    const stale = await clone(server.pushUrl('shop'));
    const fresh = await clone(server.pushUrl('shop'));
    const winner = await fresh.commitAndPush({ 'a.txt': 'fresh' }, 'lands first');
    await stale.write({ 'b.txt': 'stale' });
    await stale.commit('lands second');
    const plain = await stale.push();
    expect(plain.code).not.toBe(0);
    const forced = await stale.push(['--force']);
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain('non-fast-forward');
    expect(await head()).toBe(winner);
    expect(server.pushes.at(-1)).toMatchObject({ ref: 'refs/heads/main', old: winner, forced: true, rejected: true, reason: 'non-fast-forward' });
  });

  it('refuses to delete a branch', async () => {
    const w = await clone(server.pushUrl('shop'));
    expect((await w.run(['push', '--quiet', 'origin', 'HEAD:refs/heads/feature'])).code).toBe(0);
    const r = await w.run(['push', 'origin', ':refs/heads/feature']);
    expect(r.code).not.toBe(0);
    expect(server.pushes.at(-1)).toMatchObject({ ref: 'refs/heads/feature', deleted: true, rejected: true });
  });
});
