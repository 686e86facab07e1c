import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkdir, startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { startKubeSim, type KubeObject, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { GITOPS_REPO, seedGitOps } from '../../../devkit/kube-sim/seed/gitops.js';
import { ensureTools } from '../../../scripts/tools.js';
import { parseConfig } from '../../../src/config/index.js';
import { gitopsRepos } from '../../../src/gitops-wiring.js';
import { createOperationRegistry } from '../../../src/k8s/index.js';
import { isMutating } from '../../../src/commands/registry.js';
import { createClusterRegistry } from '../../../src/k8s/index.js';
import { silentLogger } from '../k8s/support.js';
import { opContext } from './git-changes-harness.js';

const TOKEN = 'flux-token';

function config(repoUrl: string) {
  const r = parseConfig(`clusters: { dev: { context: dev } }
environments: { dev: { cluster: dev, namespace: shop, policy: open } }
apps:
  flux-web:
    workload: deployment/flux-web
    gitops: { repo: gitops, path: "apps/flux-web/envs/{cluster}", image: { kustomize: registry.example.com/shop/flux-web } }
gitops:
  repos:
    gitops: { url: "${repoUrl}", auth: { tokenEnv: FLUX_TEST_TOKEN }, author: "Shipmate <shipmate@example.com>" }
policies: { open: { run: ["*"], approvals: 0 } }
`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const ctx = () => opContext({ command: 'upgrade', app: 'flux-web', env: 'dev', image: '1.3.0' }, { cluster: 'dev', namespace: 'shop' }, ['U0APPROVE1']);

describe('a Git change to a Flux-owned app', () => {
  let git: GitServer;
  let kube: KubeSim;
  let repoUrl: string;
  let cacheDir: string;
  beforeAll(async () => {
    git = await startGitServer({ token: TOKEN });
    kube = await startKubeSim({ clusters: ['dev'], gitops: { tools: await ensureTools(), selfHealSeconds: 1, appResyncSeconds: 3600 } });
    ({ repoUrl } = await seedGitOps({ git, clusters: [{ name: 'dev', cluster: kube.cluster('dev') }] }));
    cacheDir = await mkdtemp(join(tmpdir(), 'shipmate-flux-git-'));
  }, 120_000);
  afterAll(async () => {
    await kube?.stop();
    await git?.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('upgrade commits the overlay, asks Flux to reconcile (source first) and waits for Ready on that revision', async () => {
    const cfg = config(repoUrl);
    const clusters = createClusterRegistry({ clusters: cfg.clusters, kubeconfigPath: kube.kubeconfigPath, logger: silentLogger });
    const repos = await gitopsRepos({ config: cfg, logger: silentLogger, prefix: 'flux', cacheDir, secretOf: (n) => (n === 'FLUX_TEST_TOKEN' ? TOKEN : undefined) });
    const ops = createOperationRegistry({ registry: clusters, logger: silentLogger, mutates: isMutating, owners: { gitopsPollMs: 50 }, ...repos });
    const op = ops.get('upgrade')!;
    const plan = await op.plan(ctx());
    expect(plan.summary).toContain('registry.example.com/shop/flux-web 1.2.0 → 1.3.0');
    expect(plan.facts['gitopsOwner']).toBe('Flux Kustomization flux-system/flux-web');
    const result = await op.execute(ctx(), plan);
    expect(result.outcome).toBe('succeeded');
    const sha = String(result.facts['commit']);
    const ks = kube.cluster('dev').get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web') as KubeObject & { status?: { lastAppliedRevision?: string } };
    expect(ks.status?.lastAppliedRevision).toBe(`main@sha1:${sha}`);
    const d = kube.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'flux-web') as KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(d.spec.template.spec.containers[0]?.image).toBe('registry.example.com/shop/flux-web:1.3.0');
    const work = await GitWorkdir.clone({ remote: git.repoUrl(GITOPS_REPO) });
    try {
      const log = await work.run(['log', '-1', '--format=%an <%ae>%n%B']);
      expect(log.stdout).toContain('Shipmate <shipmate@example.com>');
      expect(log.stdout).toMatch(/^Approved-by: <U0APPROVE1>$/m);
      expect(log.stdout).toContain('Shipmate-Request: R-GITTEST1');
    } finally {
      await work.remove();
    }
    expect(git.pushes.filter((p) => p.forced)).toEqual([]);
  }, 90_000);
});
