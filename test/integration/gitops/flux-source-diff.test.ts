import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkdir, startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { startKubeSim, type KubeObject, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { GITOPS_REPO, seedGitOps } from '../../../devkit/kube-sim/seed/gitops.js';
import { gitopsRepoFiles } from '../../../devkit/kube-sim/seed/gitops-repo.js';
import { ensureTools } from '../../../scripts/tools.js';
import type { OperationResult } from '../../../src/core/plan.js';
import { isMutating } from '../../../src/commands/registry.js';
import { createGitCheckout, type GitCheckout } from '../../../src/git/index.js';
import { createClusterRegistry, createOperationRegistry, type ClusterRegistry, type FluxSourceDeps } from '../../../src/k8s/index.js';
import { eventually } from '../../support/slack-helpers.js';
import { opContext } from '../git-changes/git-changes-harness.js';
import { silentLogger } from '../k8s/support.js';
import { kubectlFor, must } from '../kube-sim/kubectl.js';

/**
 * Issue 13's Flux `/k8s diff`: a server-side dry-run of the rendered source, from the commit the
 * GitRepository published, fetched from a real Git server (git http-backend) through Shipmate's own
 * working copy and rendered with the real kubectl kustomize, against kube-sim's simulated Flux.
 */
const TOKEN = 'flux-diff-token';
const REGISTRY = 'registry.example.com/shop';
type Deploy = KubeObject & { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
type Flux = KubeObject & { spec: Record<string, unknown>; status?: { lastAppliedRevision?: string; artifact?: { revision?: string } } };

let git: GitServer;
let kube: KubeSim;
let repoUrl: string;
let cacheDir: string;
let registry: ClusterRegistry;
let checkout: GitCheckout;
let kubectl: string;
let work: GitWorkdir;
let gitStopped = false;

const ctx = () => opContext({ command: 'diff', app: 'flux-web', env: 'dev' }, { cluster: 'dev', namespace: 'shop' });
const cluster = () => kube.cluster('dev');
const kustomization = (): Flux => cluster().get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web') as Flux;
const gitRepository = (): Flux => cluster().get('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'flux-web') as Flux;
const deployment = (): Deploy => cluster().get('apps/v1', 'Deployment', 'shop', 'flux-web') as Deploy;

/** `/k8s diff flux-web dev` as the operation registry runs it, with or without the source dependencies. */
async function diff(sources: FluxSourceDeps | null = { checkouts: () => [checkout], kustomize: { kubectl } }): Promise<{ result: OperationResult; text: string }> {
  const ops = createOperationRegistry({ registry, logger: silentLogger, mutates: isMutating, ...(sources ? { fluxSources: sources } : {}) });
  const op = ops.get('diff')!;
  const result = await op.execute(ctx(), await op.plan(ctx()));
  const text = [result.summary, ...result.sections.flatMap((s) => [s.title, s.text, ...(s.items ?? []).map((i) => i.text)])].join('\n');
  return { result, text };
}

async function annotate(apiVersion: string, kind: string, annotations: Record<string, string>): Promise<void> {
  const o = cluster().get(apiVersion, kind, 'flux-system', 'flux-web') as KubeObject;
  await cluster().update({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), ...annotations } } });
}

async function setSuspend(suspend: boolean): Promise<void> {
  const ks = kustomization();
  await cluster().update({ ...ks, spec: { ...ks.spec, suspend } });
}

/** Push files as a new commit and wait until source-controller publishes it (the Kustomization is left alone). */
async function publish(files: Record<string, string>, message: string, remove: string[] = []): Promise<string> {
  await work.run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
  for (const path of remove) await work.run(['rm', '--quiet', '--', path]);
  const sha = await work.commitAndPush(files, message);
  await annotate('source.toolkit.fluxcd.io/v1', 'GitRepository', { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() });
  await eventually(async () => (gitRepository().status?.artifact?.revision === `main@sha1:${sha}` ? true : undefined), 30_000);
  return sha;
}

beforeAll(async () => {
  const tools = await ensureTools();
  kubectl = tools.kubectl;
  git = await startGitServer({ token: TOKEN });
  // Flux's own interval is 5 minutes here: nothing the tests do by hand is reverted behind their back.
  kube = await startKubeSim({ clusters: ['dev'], gitops: { tools, selfHealSeconds: 3600, appResyncSeconds: 3600, fluxIntervalScale: 1 } });
  ({ repoUrl } = await seedGitOps({ git, clusters: [{ name: 'dev', cluster: kube.cluster('dev') }] }));
  work = await GitWorkdir.clone({ remote: git.pushUrl(GITOPS_REPO, TOKEN), author: { name: 'CI', email: 'ci@example.com' } });
  cacheDir = await mkdtemp(join(tmpdir(), 'shipmate-flux-diff-'));
  registry = createClusterRegistry({ clusters: { dev: { context: 'dev' } }, kubeconfigPath: kube.kubeconfigPath, logger: silentLogger });
  checkout = createGitCheckout({ repo: { name: 'gitops', url: repoUrl, branch: 'main', author: 'Shipmate <shipmate@example.com>', token: TOKEN }, cacheDir });
}, 120_000);

afterAll(async () => {
  await work?.remove();
  await kube?.stop();
  if (!gitStopped) await git?.stop();
  await rm(cacheDir, { recursive: true, force: true });
});

describe('Flux /k8s diff: a server-side dry-run of the rendered source', () => {
  it('in sync: no drift at the artifact revision; the dry-run stored nothing', async () => {
    await cluster().settle();
    const before = deployment();
    const { result } = await diff();
    expect(result.summary).toMatch(/^Flux Kustomization flux-system\/flux-web: no drift: a server-side dry-run of Git at main@sha1:[0-9a-f]{7} changes nothing/);
    expect(result.facts).toMatchObject({ method: 'server-side dry-run', rendered: 'kustomize', drifted: 0, created: 0, pruned: 0, failed: 0, checked: 2 });
    expect(deployment().metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const managers = ((deployment().metadata.managedFields ?? []) as { manager?: string }[]).map((e) => e.manager);
    expect(managers).not.toContain('kustomize-controller');
  }, 60_000);

  it('an imperative change (image, replicas) shows as a unified diff live → Git', async () => {
    const k = await kubectlFor(kube, 'dev');
    await must(k('set', 'image', 'deployment/flux-web', '-n', 'shop', `flux-web=${REGISTRY}/flux-web:9.9.9`));
    await must(k('scale', 'deployment/flux-web', '-n', 'shop', '--replicas=5'));
    const { result, text } = await diff();
    expect(result.summary).toMatch(/1 resource\(s\) differ from Git at main@sha1:[0-9a-f]{7} \(server-side dry-run of the source\): Deployment\/flux-web drifted$/);
    const unified = /--- a\/deployment\/flux-web[\s\S]*/.exec(text)?.[0] ?? '';
    expect(unified).toMatch(/^\+\+\+ b\/deployment\/flux-web$/m);
    expect(unified).toMatch(/^-\s+replicas: 5$/m);
    expect(unified).toMatch(/^\+\s+replicas: 2$/m);
    expect(unified).toMatch(/^-\s+- image: registry\.example\.com\/shop\/flux-web:9\.9\.9$/m);
    expect(unified).toMatch(/^\+\s+- image: registry\.example\.com\/shop\/flux-web:1\.2\.0$/m);
    // Server bookkeeping is not drift.
    expect(unified).not.toMatch(/resourceVersion|managedFields|generation:|uid:|creationTimestamp|deployment\.kubernetes\.io\/revision/);
    expect(deployment().spec.replicas).toBe(5);

    // Put Git's state back for the next tests (Flux reconciles on request).
    await annotate('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() });
    await eventually(async () => (deployment().spec.replicas === 2 && deployment().spec.template.spec.containers[0]?.image === `${REGISTRY}/flux-web:1.2.0` ? true : undefined), 30_000);
  }, 90_000);

  it('a new commit source-controller fetched but Flux has not applied shows as a diff (the last-applied comparison misses it)', async () => {
    await setSuspend(true);
    const sha = await publish(gitopsRepoFiles(['dev'], '2.0.0'), 'Release flux-web 2.0.0');
    expect(kustomization().status?.lastAppliedRevision).not.toBe(`main@sha1:${sha}`);

    const { result, text } = await diff();
    expect(result.summary).toContain(`differ from Git at main@sha1:${sha.slice(0, 7)}`);
    expect(result.summary).toMatch(/Deployment\/flux-web drifted$/);
    expect(text).toMatch(/^-\s+- image: registry\.example\.com\/shop\/flux-web:1\.2\.0$/m);
    expect(text).toMatch(/^\+\s+- image: registry\.example\.com\/shop\/flux-web:2\.0\.0$/m);
    expect(text).toContain(`source-controller has main@sha1:${sha}, not applied yet`);
    expect(text).toContain('the Kustomization is suspended');
    expect(result.facts['revision']).toBe(`main@sha1:${sha}`);

    // The comparison with last-applied (the old behaviour, now only the fallback) sees no drift at all here.
    const old = await diff(null);
    expect(old.result.summary).toMatch(/no drift, the cluster matches what was applied from Git/);
    expect(old.text).not.toContain('2.0.0');
  }, 90_000);

  it('a Secret in the source: data values never shown, only which keys differ; new objects would be created, removed ones pruned', async () => {
    const k = await kubectlFor(kube, 'dev');
    await must(k('create', 'secret', 'generic', 'flux-web-db', '-n', 'shop', '--from-literal=password=live-value-7d1e', '--from-literal=user=web'));
    const base = gitopsRepoFiles(['dev'], '2.0.0');
    await publish({
      'apps/flux-web/base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: flux-web-db\nstringData:\n  password: git-value-93ab\n  user: web\n',
      'apps/flux-web/base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flux-web-settings\ndata:\n  mode: fast\n',
      'apps/flux-web/base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - secret.yaml\n  - config.yaml\n',
      'apps/flux-web/envs/dev/kustomization.yaml': base['apps/flux-web/envs/dev/kustomization.yaml'] ?? '',
    }, 'flux-web: database secret and settings, no Service', ['apps/flux-web/base/service.yaml']);

    const { result, text } = await diff();
    expect(result.summary).toMatch(/Secret\/flux-web-db drifted/);
    expect(result.summary).toMatch(/ConfigMap\/flux-web-settings would be created/);
    expect(result.summary).toMatch(/Service\/flux-web would be pruned/);
    expect(text).toContain('# secret/flux-web-db: data keys that differ: password (values never shown)');
    expect(text).toMatch(/# service\/flux-web in shop: would be pruned/);
    for (const secret of ['live-value-7d1e', 'git-value-93ab', 'web']) {
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(text).not.toMatch(/live-value-7d1e|git-value-93ab/);
    expect(result.facts).toMatchObject({ created: 1, pruned: 1 });
    // Dry runs only: nothing was created, changed or deleted.
    expect(cluster().get('v1', 'ConfigMap', 'shop', 'flux-web-settings')).toBeUndefined();
    expect(cluster().get('v1', 'Service', 'shop', 'flux-web')).toBeDefined();
    expect(Buffer.from(String((cluster().get('v1', 'Secret', 'shop', 'flux-web-db') as KubeObject & { data: Record<string, string> }).data['password']), 'base64').toString()).toBe('live-value-7d1e');
  }, 90_000);

  it('a plain YAML path (no kustomization file) with spec.targetNamespace; fields this diff does not apply are named', async () => {
    const sha = await publish({
      'apps/flux-plain/web/deployment.yaml': gitopsRepoFiles(['dev'], '0.0.0')['apps/flux-web/base/deployment.yaml']!.replace(':0.0.0', ':4.0.0'),
      'apps/flux-plain/README.md': 'not a manifest\n',
    }, 'flux-web as plain YAML');
    const ks = kustomization();
    await cluster().update({ ...ks, spec: { ...ks.spec, path: './apps/flux-plain', targetNamespace: 'shop', images: [{ name: `${REGISTRY}/flux-web`, newTag: '5.0.0' }] } });
    try {
      const { result, text } = await diff();
      expect(result.facts).toMatchObject({ rendered: 'plain', revision: `main@sha1:${sha}` });
      // The manifest names no namespace: targetNamespace puts it into shop, where the live one is.
      expect(result.summary).toMatch(/Deployment\/flux-web drifted/);
      expect(text).toMatch(/^\+\s+- image: registry\.example\.com\/shop\/flux-web:4\.0\.0$/m);
      expect(text).toContain('spec.images is not applied by this diff');
    } finally {
      await cluster().update({ ...kustomization(), spec: ks.spec });
    }
  }, 90_000);

  it('source repository not configured under gitops.repos: says so, and falls back to last-applied, labelled', async () => {
    const other = createGitCheckout({ repo: { name: 'elsewhere', url: 'https://git.example.com/team/other.git', branch: 'main', author: 'Shipmate <shipmate@example.com>' }, cacheDir });
    const { result, text } = await diff({ checkouts: () => [other], kustomize: { kubectl } });
    expect(result.summary).toMatch(/compared with what Flux last applied, not a dry-run of the source: the source repository http:\/\/127\.0\.0\.1:\d+\/gitops(\.git)? is not configured under gitops\.repos/);
    expect(text).toContain('Fallback: the source repository');
    expect(result.facts).toMatchObject({ method: 'last-applied (fallback)' });
    const none = await diff(null);
    expect(none.result.summary).toContain('not a dry-run of the source: no GitOps repository is configured under gitops.repos');
  }, 60_000);

  it('Git unreachable: says the revision could not be fetched, and falls back, labelled', async () => {
    const sha = await publish(gitopsRepoFiles(['dev'], '3.0.0'), 'Release flux-web 3.0.0');
    await git.stop();
    gitStopped = true;
    const { result, text } = await diff();
    expect(result.summary).toContain(`not a dry-run of the source: main@sha1:${sha} of gitops could not be fetched or rendered: GitOps repository gitops`);
    expect(result.summary).toMatch(/could not be read/);
    expect(text).toContain(`Fallback: main@sha1:${sha} of gitops could not be fetched`);
    expect(text).toContain('a commit Flux has not applied yet does not show');
    expect(result.facts).toMatchObject({ method: 'last-applied (fallback)' });
    expect(result.outcome).toBe('succeeded');
  }, 60_000);
});
