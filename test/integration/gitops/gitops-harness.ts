import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GitWorkdir, startGitServer, type GitServer } from '../../../devkit/git-server/index.js';
import { startKubeSim, type KubeObject, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { GITOPS_REPO, seedGitOps } from '../../../devkit/kube-sim/seed/gitops.js';
import { gitopsRepoFiles } from '../../../devkit/kube-sim/seed/gitops-repo.js';
import { startSlackSim } from '../../../devkit/slack-sim/index.js';
import { ensureTools } from '../../../scripts/tools.js';
import { REDIS_URL, deleteKeys, startBot, uniquePrefix, type Bot, type Sims } from '../../support/harness.js';
import { ackText, requestIdIn, waitForCard } from '../../support/slack-helpers.js';
import { CHANNEL, GROUPS, SIM_GROUPS, SIM_USERS, USERS, testConfigYaml } from '../../support/users.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

export const CLUSTERS = ['prod', 'dev'] as const;
export type ClusterName = (typeof CLUSTERS)[number];

const GIT_TOKEN = 'test-token';
const GIT_TOKEN_ENV = 'SHIPMATE_TEST_GITOPS_TOKEN';

/**
 * The shared test config (prod: one SRE lead approves; dev: open) with the seeded GitOps apps, by
 * their workloads only. With the repository's URL, it is listed under `gitops.repos` (no app
 * commits to it): Flux `/k8s diff` renders the source from Shipmate's own working copy.
 */
export function gitopsConfigYaml(repoUrl?: string): string {
  const apps = ['argo-api', 'flux-web'].map((a) => `  ${a}:\n    workload: deployment/${a}\n    owners: [${GROUPS.payments}]\n`).join('');
  const config = testConfigYaml().replace(/\napps:\n[\s\S]*?\npolicies:/, `\napps:\n${apps}policies:`);
  return repoUrl ? `${config}gitops:\n  repos:\n    gitops: { url: "${repoUrl}", branch: main, auth: { tokenEnv: ${GIT_TOKEN_ENV} } }\n` : config;
}

export interface GitOpsSims extends Sims {
  git: GitServer;
  revisions: string[];
  work: GitWorkdir;
}

export type GitOpsHarness = GitOpsSims & Bot;

/**
 * Git server + kube-sim (prod, dev) with the simulated Argo CD and Flux controllers and the
 * sandbox's GitOps seed, slack-sim and the config; no bot yet.
 */
export async function startGitOpsSims(opts: { name: string; selfHealSeconds: number }): Promise<GitOpsSims> {
  const tools = await ensureTools();
  const git = await startGitServer({ token: GIT_TOKEN });
  const kube: KubeSim = await startKubeSim({
    clusters: [...CLUSTERS],
    gitops: { tools, selfHealSeconds: opts.selfHealSeconds, appResyncSeconds: 3600, fluxIntervalScale: 1 },
  });
  const { revisions } = await seedGitOps({ git, clusters: CLUSTERS.map((name) => ({ name, cluster: kube.cluster(name) })) });
  const work = await GitWorkdir.clone({ remote: git.pushUrl(GITOPS_REPO), author: { name: 'Test', email: 'test@example.com' } });
  const slack = await startSlackSim({ users: SIM_USERS, usergroups: SIM_GROUPS, channels: [{ id: CHANNEL, name: 'ops' }] });
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-gitops-'));
  const configPath = join(dir, 'shipmate.yaml');
  await writeFile(configPath, gitopsConfigYaml(git.repoUrl(GITOPS_REPO)));
  const prefix = uniquePrefix(opts.name);
  return {
    kube, slack, mode: 'socket', prefix, redisUrl: REDIS_URL, configPath, git, revisions, work,
    processEnv: { SLACK_BOT_TOKEN: 'xoxb-sim', SLACK_APP_TOKEN: 'xapp-sim', SLACK_API_URL: slack.apiUrl, REDIS_URL, SHIPMATE_CONFIG: configPath, LOG_LEVEL: 'info', KUBECONFIG: kube.kubeconfigPath, SHIPMATE_AUDIT_KEY: TEST_AUDIT_KEY.toString('utf8'), [GIT_TOKEN_ENV]: GIT_TOKEN, SHIPMATE_KUBECTL_PATH: tools.kubectl },
    async stop() {
      await work.remove();
      await slack.stop();
      await kube.stop();
      await git.stop();
      await deleteKeys(REDIS_URL, prefix);
    },
  };
}

/** The GitOps sims and one Shipmate replica through the real composition root. */
export async function startGitOpsHarness(opts: { name: string; selfHealSeconds: number }): Promise<GitOpsHarness> {
  const sims = await startGitOpsSims(opts);
  const bot = await startBot(sims);
  return {
    ...sims, ...bot,
    async stop() {
      await bot.stop();
      await sims.stop();
    },
  };
}

/** Commit the seed's files at another image tag and push; returns the sha. */
export async function release(h: GitOpsSims, tag: string): Promise<string> {
  await h.work.run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
  return h.work.commitAndPush(gitopsRepoFiles([...CLUSTERS], tag), `Release ${tag}`);
}

export function obj(h: GitOpsSims, cluster: ClusterName, apiVersion: string, kind: string, namespace: string, name: string): KubeObject {
  const o = h.kube.cluster(cluster).get(apiVersion, kind, namespace, name);
  if (!o) throw new Error(`${kind} ${namespace}/${name} not found in ${cluster}`);
  return o;
}

export type App = KubeObject & {
  spec: { syncPolicy?: { automated?: Record<string, unknown> } };
  operation?: unknown;
  status?: { sync?: { status?: string; revision?: string }; health?: { status?: string }; history?: { id: number; revision: string; initiatedBy?: { username?: string; automated?: boolean } }[]; operationState?: { phase?: string } };
};

export const application = (h: GitOpsSims, cluster: ClusterName): App => obj(h, cluster, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api') as App;

export function imageOf(h: GitOpsSims, cluster: ClusterName, name: string): string {
  const d = obj(h, cluster, 'apps/v1', 'Deployment', 'shop', name) as { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } & KubeObject;
  return d.spec?.template?.spec?.containers?.[0]?.image ?? '';
}

export const image = (app: string, tag: string): string => `registry.example.com/shop/${app}:${tag}`;

/** Sends `/k8s <text>` as `user`; returns the request id and the card once posted. */
export async function request(h: GitOpsSims, text: string, user: string = USERS.requester): Promise<{ id: string; ts: string }> {
  const res = await h.slack.slashCommand({ user, channel: CHANNEL, text });
  expect(res.acked).toBe(true);
  const id = requestIdIn(ackText(res.body));
  const card = await waitForCard(h.slack, CHANNEL, id);
  return { id, ts: card.ts };
}
