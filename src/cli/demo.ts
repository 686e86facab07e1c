import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, loadRuntimeEnv, loadToolEnv } from '../config/index.js';
import { createLogger } from '../core/logger.js';
import { startShipmate } from '../main.js';
import { DEMO_CHANNELS, DEMO_CONFIG_YAML, DEMO_GROUPS, DEMO_USERS } from './demo-config.js';
import { redisAnswers, startPrivateRedis } from './private-redis.js';
import type { CliIo } from './io.js';

/**
 * `shipmate demo`: kube-sim (dev, staging, prod) + slack-sim with its web console + the bot in
 * Socket Mode, wired together. Uses REDIS_URL, or a private redis-server when nothing answers.
 */
export async function runDemo(_argv: string[], io: CliIo): Promise<number> {
  const tool = loadToolEnv();
  let redisUrl = tool.redisUrl;
  let stopRedis = (): void => undefined;
  if (!(await redisAnswers(redisUrl))) {
    try {
      const r = await startPrivateRedis();
      redisUrl = r.url;
      stopRedis = r.stop;
      io.out(`No Redis answered at ${tool.redisUrl}; started a private one at ${redisUrl}.`);
    } catch {
      io.err(`No Redis answers at ${tool.redisUrl} and redis-server could not be started. Install it (apt-get install redis-server) or set REDIS_URL.`);
      return 1;
    }
  }
  const { startGitOpsWorld } = await import('../../devkit/kube-sim/gitops-world.js');
  const { startSlackSim } = await import('../../devkit/slack-sim/index.js');
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-demo-'));
  // The demo world includes the GitOps seed: a Git server, simulated Argo CD and Flux, argo-api and flux-web.
  const kube = await startGitOpsWorld(
    { clusters: ['dev', 'staging', 'prod'], kubeconfigPath: join(dir, 'kubeconfig'), timing: { podReadyMs: 1500, podStartMs: 500 }, selfHealSeconds: 10, gitToken: 'sandbox' },
    () => undefined,
  );
  const slack = await startSlackSim({
    port: tool.demoPort,
    users: Object.values(DEMO_USERS).map((u) => ({ id: u.id, name: u.name })),
    usergroups: DEMO_GROUPS,
    channels: DEMO_CHANNELS,
    consoleUsers: { requester: DEMO_USERS.requester.id, approver: DEMO_USERS.approver.id, bystander: DEMO_USERS.bystander.id },
  });
  const configPath = join(dir, 'shipmate.yaml');
  await writeFile(configPath, DEMO_CONFIG_YAML);
  const env = loadRuntimeEnv({
    SLACK_BOT_TOKEN: 'xoxb-sim',
    SLACK_APP_TOKEN: 'xapp-sim',
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    SHIPMATE_CONFIG: configPath,
    PORT: String(tool.demoPort + 1),
    LOG_LEVEL: tool.logLevel,
    KUBECONFIG: kube.kubeconfigPath,
    ...(tool.helmPath ? { SHIPMATE_HELM_PATH: tool.helmPath } : {}),
  });
  const loaded = await loadConfig(configPath);
  if (!loaded.ok) throw new Error(`demo config invalid: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  // The demo keeps its own default prefix so it never mixes with a real instance sharing the Redis;
  // an explicit SHIPMATE_REDIS_PREFIX (tests, several demos at once) wins.
  const prefix = tool.redisPrefix === 'shipmate' ? 'shipmate-demo' : tool.redisPrefix;
  const shipmate = await startShipmate({ env, config: loaded.config, logger: createLogger({ level: env.logLevel }), prefix });
  // The GitOps seed (three deployed revisions of argo-api and flux-web) finishes in the background so
  // the demo is usable as soon as before; it says when it is done.
  let stopping = false;
  kube.seeded().then(
    () => io.out('GitOps seed ready: Argo CD app argo-api and Flux app flux-web have deployed three revisions in every cluster.'),
    (err: unknown) => {
      if (!stopping) io.err(`the demo's GitOps seed failed: ${err instanceof Error ? err.message : String(err)}`);
    },
  );
  io.out(`
Shipmate demo is running.

  Slack console:  ${slack.url}/          (switch between requester, approver and bystander at the top)
  kubectl:        kubectl --kubeconfig ${kube.kubeconfigPath} --context prod -n shop get deploy,pods
  health/metrics: http://127.0.0.1:${env.port}/readyz  http://127.0.0.1:${env.port}/metrics
  audit trail:    SHIPMATE_REDIS_PREFIX=${prefix} shipmate audit verify
  GitOps repo:    ${kube.gitRepoUrl}   (anonymous reads; push with any user and password "${kube.gitToken}")
                  Argo CD deploys argo-api and Flux deploys flux-web from it into every cluster's shop namespace

Type this first, as the requester:   /k8s rollback api-service prod
Then switch to the approver and click Approve. Also try: /k8s status checkout staging, /k8s help
Helm-owned: /k8s history helm-api prod, /k8s rollback helm-api dev (needs helm 3: SHIPMATE_HELM_PATH)

Ctrl-C stops everything.`);
  const stop = () => {
    stopping = true;
    void (async () => {
      await shipmate.stop();
      await slack.stop();
      await kube.stop();
      stopRedis();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
