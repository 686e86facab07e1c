import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import type { ShipmateConfig } from '../../../src/config/types.js';
import type { OperationRegistry } from '../../../src/core/operation.js';
import { createGitCheckout, boundCommit } from '../../../src/git/index.js';
import { gitopsRepos } from '../../../src/gitops-wiring.js';
import { createClusterRegistry, createOperationRegistry } from '../../../src/k8s/index.js';
import { isMutating } from '../../../src/commands/registry.js';
import { silentLogger } from '../k8s/support.js';
import { APP, REPO, TOKEN, TOKEN_ENV, gitLog, opContext, otherCommit, startGitWorld, storyConfigYaml, type GitWorld } from './git-changes-harness.js';

/** The story's config with one part of the GitOps section replaced. */
function configWith(world: GitWorld, edit: (yaml: string) => string): ShipmateConfig {
  const parsed = parseConfig(edit(storyConfigYaml(world.repoUrl, '1h')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('GitOps change errors are clear and come before approval; nothing is committed', () => {
  let world: GitWorld;
  let cacheDir: string;
  beforeAll(async () => {
    world = await startGitWorld();
    cacheDir = await mkdtemp(join(tmpdir(), 'shipmate-git-cache-'));
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  async function ops(config: ShipmateConfig, name: string): Promise<OperationRegistry> {
    const clusters = createClusterRegistry({ clusters: config.clusters, kubeconfigPath: world.kube.kubeconfigPath, logger: silentLogger });
    const env: Record<string, string> = { [TOKEN_ENV]: TOKEN, SHIPMATE_TEST_WRONG_TOKEN: 'not-the-token' };
    const repos = await gitopsRepos({ config, logger: silentLogger, prefix: name, cacheDir: join(cacheDir, name), secretOf: (n) => env[n] });
    return createOperationRegistry({ registry: clusters, logger: silentLogger, mutates: isMutating, owners: { gitopsPollMs: 50 }, ...repos });
  }

  const cases: { name: string; edit: (y: string) => string; expected: RegExp }[] = [
    { name: 'wrong-token', edit: (y) => y.replace(`tokenEnv: ${TOKEN_ENV}`, 'tokenEnv: SHIPMATE_TEST_WRONG_TOKEN'), expected: /cannot push to GitOps repository deploy .*the token in the environment was refused \(check the variable named by gitops\.repos\.deploy\.auth\.tokenEnv\)/ },
    { name: 'unreachable', edit: (y) => y.replace(/url: http:\/\/127\.0\.0\.1:\d+\//, 'url: http://127.0.0.1:9/'), expected: /GitOps repository deploy \(http:\/\/127\.0\.0\.1:9\/\S+, branch main\) could not be read/ },
    { name: 'missing-path', edit: (y) => y.replace(`path: apps/${APP}/envs/{env}`, 'path: apps/nothing-here/{env}'), expected: /path apps\/nothing-here\/dev does not exist in GitOps repository deploy/ },
    { name: 'unknown-image', edit: (y) => y.replace('kustomize: registry.example.com/shop/api-service', 'kustomize: registry.example.com/shop/other'), expected: /image registry\.example\.com\/shop\/other is not in the images: list of apps\/api-service\/envs\/dev\/kustomization\.yaml \(it lists registry\.example\.com\/shop\/api-service\)/ },
  ];

  for (const c of cases) {
    it(`${c.name}: the plan fails with a message that says what is wrong`, async () => {
      const before = (await gitLog(world))[0]?.sha;
      const pushesBefore = world.git.pushes.length;
      const op = (await ops(configWith(world, c.edit), c.name)).get('upgrade');
      await expect(op!.plan(opContext({ command: 'upgrade', app: APP, env: 'dev', image: '1.9.0' }, { cluster: 'main', namespace: 'dev' }))).rejects.toThrow(c.expected);
      expect((await gitLog(world))[0]?.sha).toBe(before);
      expect(world.git.pushes.length).toBe(pushesBefore);
    }, 30_000);
  }

  it('a push that loses the race is retried after re-reading the branch, never forced', async () => {
    const checkout = createGitCheckout({ repo: { name: REPO, url: world.repoUrl, branch: 'main', author: 'Shipmate Bot <shipmate@example.com>', token: TOKEN }, cacheDir: join(cacheDir, 'race') });
    const file = `apps/${APP}/envs/staging/kustomization.yaml`;
    const bound = await checkout.withFreshTree(async (t) => ({ head: t.head, path: file, pathId: await t.objectId(t.head, file) }));
    let raced = false;
    const out = await boundCommit(checkout, bound, {
      apply: async (tree) => {
        // Another commit lands after this attempt read the branch and before it pushes.
        if (!raced) {
          raced = true;
          await otherCommit(world, { 'apps/other/README.md': 'raced\n' }, 'other team: raced');
        }
        await tree.writeFile(file, ((await tree.readFile(file)) ?? '').replace('1.4.0', '1.4.2'));
      },
      message: 'api-service staging: 1.4.2\n',
    });
    expect(out.attempts).toBe(2);
    expect(out.rebasedFrom).toBe(bound.head);
    // git refuses the stale push itself ("fetch first") on seeing the moved ref, so the server logs
    // only the accepted pushes: the other team's and the retried one, both fast-forwards.
    expect(world.git.pushes.filter((p) => p.forced)).toEqual([]);
    const [mine, theirs] = await gitLog(world);
    expect(mine?.sha).toBe(out.sha);
    expect(theirs?.message).toMatch(/^other team: raced/);
  }, 30_000);
});
