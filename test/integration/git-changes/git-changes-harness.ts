import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GitWorkdir, startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { startKubeSim, type KubeObject, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { startSlackSim } from '../../../devkit/slack-sim/index.js';
import { ensureTools } from '../../../scripts/tools.js';
import { REDIS_URL, deleteKeys, startBot, uniquePrefix, type Bot, type Sims } from '../../support/harness.js';
import { ackText, eventually, requestIdIn, visibleText, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, GROUPS, SIM_GROUPS, SIM_USERS, USERS } from '../../support/users.js';
import type { OperationContext } from '../../../src/core/operation.js';
import type { Invocation } from '../../../src/core/invocation.js';
import { silentLogger } from '../k8s/support.js';

/** The story: api-service, deployed by Argo CD from the test's own repository `deploy`. */
export const APP = 'api-service';
export const IMAGE = 'registry.example.com/shop/api-service';
export const REPO = 'deploy';
export const ENVS = ['dev', 'staging', 'prod'] as const;
export type Env = (typeof ENVS)[number];
export const TOKEN_ENV = 'SHIPMATE_TEST_GITOPS_TOKEN';
export const TOKEN = 'story-token';
export const BOT_AUTHOR = 'Shipmate Bot <shipmate@example.com>';

/** One cluster, a namespace per environment; prod needs two SRE leads and staging's healthy time. */
export function storyConfigYaml(repoUrl: string, minHealthyTime: string): string {
  return `clusters:
  main: { context: main }
environments:
  dev: { cluster: main, namespace: dev, policy: open }
  staging: { cluster: main, namespace: staging, policy: open }
  prod: { cluster: main, namespace: prod, policy: production }
apps:
  ${APP}:
    workload: deployment/${APP}
    owners: [${GROUPS.payments}]
    gitops:
      repo: ${REPO}
      path: apps/${APP}/envs/{env}
      image: { kustomize: ${IMAGE} }
gitops:
  repos:
    ${REPO}:
      url: ${repoUrl}
      branch: main
      auth: { tokenEnv: ${TOKEN_ENV} }
      author: "${BOT_AUTHOR}"
policies:
  production:
    run: [${GROUPS.oncall}]
    approve: [${GROUPS.sreLeads}]
    approvals: 2
    promotion: [dev, staging, prod]
    minHealthyTime: ${minHealthyTime}
  open:
    run: ["*"]
    approvals: 0
    promotion: [dev, staging, prod]
`;
}

function deployment(): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${APP}
spec:
  replicas: 1
  progressDeadlineSeconds: 60
  selector:
    matchLabels: { app: ${APP} }
  template:
    metadata:
      labels: { app: ${APP} }
    spec:
      containers:
        - name: ${APP}
          image: ${IMAGE}:0.0.0
`;
}

export function overlay(tag: string): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
# the images entry is what Shipmate edits; this comment must survive
resources:
  - ../../base
images:
  - name: ${IMAGE}
    newTag: "${tag}"
`;
}

export function repoFiles(tag: string): Record<string, string> {
  const files: Record<string, string> = {
    [`apps/${APP}/base/deployment.yaml`]: deployment(),
    [`apps/${APP}/base/kustomization.yaml`]: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
    'apps/other/README.md': 'another team\n',
  };
  for (const env of ENVS) files[`apps/${APP}/envs/${env}/kustomization.yaml`] = overlay(tag);
  return files;
}

function application(env: Env, repoURL: string): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `${APP}-${env}`, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${APP}/envs/${env}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: env },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}

export interface StoryHarness extends Sims, Bot {
  git: GitServer;
  work: GitWorkdir;
  repoUrl: string;
  /** The seed commit (CI, 1.4.0 everywhere). */
  seed: string;
}

export interface GitWorld {
  git: GitServer;
  kube: KubeSim;
  work: GitWorkdir;
  repoUrl: string;
  /** The seed commit (CI, 1.4.0 everywhere). */
  seed: string;
  stop(): Promise<void>;
}

/** The Git server with the repository `deploy` and kube-sim whose simulated Argo CD deploys it in dev, staging and prod. */
export async function startGitWorld(): Promise<GitWorld> {
  const tools = await ensureTools();
  const git = await startGitServer({ token: TOKEN });
  const kube: KubeSim = await startKubeSim({ clusters: ['main'], gitops: { tools, selfHealSeconds: 1, appResyncSeconds: 3600 } });
  const repoUrl = await git.createRepo(REPO);
  const work = await GitWorkdir.clone({ remote: git.pushUrl(REPO, TOKEN), author: { name: 'CI', email: 'ci@example.com' } });
  const seed = await work.commitAndPush(repoFiles('1.4.0'), 'CI: api-service 1.4.0');
  const cluster = kube.cluster('main');
  for (const env of ENVS) {
    await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: env } });
    await cluster.create(application(env, repoUrl));
  }
  await eventually(async () => ENVS.every((env) => healthyAt(kube, env, seed)), 60_000);
  return {
    git, kube, work, repoUrl, seed,
    async stop() {
      await work.remove();
      await kube.stop();
      await git.stop();
    },
  };
}

/** The Git world, slack-sim and one Shipmate replica through the real composition root. */
export async function startStoryHarness(opts: { name: string; minHealthyTime: string }): Promise<StoryHarness> {
  const world = await startGitWorld();
  const { kube, git, work, repoUrl, seed } = world;
  const slack = await startSlackSim({ users: SIM_USERS, usergroups: SIM_GROUPS, channels: [{ id: CHANNEL, name: 'ops' }] });
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-git-changes-'));
  const configPath = join(dir, 'shipmate.yaml');
  await writeFile(configPath, storyConfigYaml(repoUrl, opts.minHealthyTime));
  const prefix = uniquePrefix(opts.name);
  const sims: Sims = {
    kube, slack, mode: 'socket', prefix, redisUrl: REDIS_URL, configPath,
    processEnv: { SLACK_BOT_TOKEN: 'xoxb-sim', SLACK_APP_TOKEN: 'xapp-sim', SLACK_API_URL: slack.apiUrl, REDIS_URL, SHIPMATE_CONFIG: configPath, LOG_LEVEL: 'info', KUBECONFIG: kube.kubeconfigPath, [TOKEN_ENV]: TOKEN },
    async stop() {
      await slack.stop();
      await deleteKeys(REDIS_URL, prefix);
    },
  };
  const bot = await startBot(sims);
  return {
    ...sims, ...bot, git, work, repoUrl, seed,
    async stop() {
      await bot.stop();
      await sims.stop();
      await world.stop();
      await rm(dir, { recursive: true, force: true });
      await rm(join(tmpdir(), 'shipmate-git', prefix), { recursive: true, force: true });
    },
  };
}

export type App = KubeObject & {
  status?: { sync?: { status?: string; revision?: string }; health?: { status?: string }; history?: { id: number; revision: string; deployedAt?: string }[] };
};

export function app(kube: KubeSim, env: Env): App {
  const o = kube.cluster('main').get('argoproj.io/v1alpha1', 'Application', 'argocd', `${APP}-${env}`);
  if (!o) throw new Error(`Application ${APP}-${env} not found`);
  return o as App;
}

export function healthyAt(kube: KubeSim, env: Env, sha: string): boolean {
  const s = app(kube, env).status;
  return s?.sync?.revision === sha && s.sync.status === 'Synced' && s.health?.status === 'Healthy';
}

export function imageIn(kube: KubeSim, env: Env): string {
  const d = kube.cluster('main').get('apps/v1', 'Deployment', env, APP) as ({ spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } & KubeObject) | undefined;
  return d?.spec?.template?.spec?.containers?.[0]?.image ?? '';
}

/** `git log` of the branch as the server has it: sha, author, full message. */
export async function gitLog(h: Pick<GitWorld, 'work'>): Promise<{ sha: string; author: string; message: string }[]> {
  await h.work.run(['fetch', '--quiet', 'origin', 'main']);
  const out = await h.work.run(['log', '--format=%H%x1f%an <%ae>%x1f%B%x1e', 'origin/main']);
  return out.stdout.split('\x1e').map((s) => s.trim()).filter(Boolean).map((rec) => {
    const [sha = '', author = '', message = ''] = rec.split('\x1f');
    return { sha, author, message };
  });
}

/** A commit by someone else, straight to the server (what CI or a colleague would do). */
export async function otherCommit(h: Pick<GitWorld, 'work'>, files: Record<string, string>, message: string): Promise<string> {
  await h.work.run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
  return h.work.commitAndPush(files, message);
}

/** Sends `/k8s <text>`; returns the request id and its card. */
export async function request(h: StoryHarness, text: string, user: string = USERS.requester): Promise<{ id: string; ts: string }> {
  const res = await h.slack.slashCommand({ user, channel: CHANNEL, text });
  expect(res.acked).toBe(true);
  const id = requestIdIn(ackText(res.body));
  const card = await waitForCard(h.slack, CHANNEL, id);
  return { id, ts: card.ts };
}

/** The card's text once the request has finished. */
export async function finished(h: StoryHarness, ts: string): Promise<string> {
  return visibleText(await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed|Denied)/, 60_000));
}

/** prod's policy: two SRE leads approve, one after the other. */
export async function approveTwice(h: StoryHarness, ts: string): Promise<void> {
  await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval \(0 of 2\)/);
  await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: ts, text: 'Approve' });
  await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval \(1 of 2\)/);
  await h.slack.clickButton({ user: USERS.approver2, channel: CHANNEL, messageTs: ts, text: 'Approve' });
}

/** An OperationContext for calling the Git-change operations directly (namespace = env, app = its workload). */
export function opContext(invocation: Invocation & { app: string; env: string }, where: { cluster: string; namespace: string }, approvers: string[] = []): OperationContext {
  return {
    invocation,
    scope: { env: invocation.env, cluster: where.cluster, namespace: where.namespace, app: invocation.app, workload: { kind: 'Deployment', name: invocation.app } },
    limits: { rolloutTimeoutMs: 30_000, minReplicas: 0, maxReplicas: 10, drainTimeoutMs: 20_000 },
    signal: new AbortController().signal,
    progress: async () => undefined,
    logger: silentLogger,
    requestId: 'R-GITTEST1',
    requester: 'U0REQUEST1',
    approvers: approvers.map((id) => ({ id })),
  };
}
