import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuditKey, loadConfig, loadRuntimeEnv, loadToolEnv, type ToolEnv } from '../config/index.js';
import { createLogger } from '../core/logger.js';
import { startShipmate } from '../main.js';
import { DEMO_CHANNELS, DEMO_GIT_TOKEN_ENV, DEMO_GROUPS, DEMO_USERS, demoConfigYaml } from './demo-config.js';
import { busyPorts, createCleanup, deleteRunKeys, type Cleanup } from './demo-cleanup.js';
import { DevkitMissingError, loadDevkit, type DevkitGitOpsWorldModule, type DevkitSlackSimModule } from './devkit.js';
import { redisAnswers, startPrivateRedis } from './private-redis.js';
import type { CliIo } from './io.js';

function portsAdvice(found: readonly number[], tool: ToolEnv): string {
  // Taken between the check and the listen, then released: name both.
  const busy = found.length > 0 ? found : [tool.demoPort, tool.demoPort + 1];
  const which = busy.map(String).join(' and ');
  return `port ${which} ${busy.length > 1 ? 'are' : 'is'} already in use: the demo serves its console on ${tool.demoPort} and the bot on ${tool.demoPort + 1}. ` +
    `Set SHIPMATE_DEMO_PORT to another first port, e.g. SHIPMATE_DEMO_PORT=${tool.demoPort + 100} npm run demo`;
}

/** REDIS_URL when something answers there, else a private redis-server stopped with the demo. */
async function demoRedis(tool: ToolEnv, io: CliIo, cleanup: Cleanup): Promise<string | null> {
  if (await redisAnswers(tool.redisUrl)) return tool.redisUrl;
  try {
    const r = await startPrivateRedis();
    cleanup.add('private redis-server', () => r.stop());
    io.out(`No Redis answered at ${tool.redisUrl}; started a private one at ${r.url}.`);
    return r.url;
  } catch {
    io.err(`No Redis answers at ${tool.redisUrl} and redis-server could not be started. Install it (apt-get install redis-server) or set REDIS_URL.`);
    return null;
  }
}

type Sims = DevkitGitOpsWorldModule & DevkitSlackSimModule;

/** Starts everything, registering each part's undo step as soon as the part exists. */
async function startParts(tool: ToolEnv, io: CliIo, cleanup: Cleanup, { startGitOpsWorld, startSlackSim }: Sims): Promise<string | null> {
  const redisUrl = await demoRedis(tool, io, cleanup);
  if (!redisUrl) return null;
  // A prefix of its own per run: a previous run's audit and requests never meet fresh clusters,
  // and everything under it is deleted on exit.
  const base = tool.redisPrefix === 'shipmate' ? 'shipmate-demo' : tool.redisPrefix;
  const prefix = `${base}-${randomBytes(3).toString('hex')}`;
  cleanup.add('demo keys', () => deleteRunKeys(redisUrl, prefix));
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-demo-'));
  cleanup.add('temporary directory', () => rm(dir, { recursive: true, force: true }));
  // The demo world includes the GitOps seed: a Git server, simulated Argo CD and Flux, argo-api and flux-web.
  const kube = await startGitOpsWorld(
    { clusters: ['dev', 'staging', 'prod'], kubeconfigPath: join(dir, 'kubeconfig'), timing: { podReadyMs: 1500, podStartMs: 500 }, selfHealSeconds: 10, gitToken: 'sandbox' },
    () => undefined,
  );
  let stopping = false;
  cleanup.add('kube-sim', () => {
    stopping = true;
    return kube.stop();
  });
  // The GitOps seed (three deployed revisions of argo-api and flux-web) finishes in the background so
  // the demo is usable at once; it says when it is done.
  kube.seeded().then(
    () => io.out('GitOps seed ready: Argo CD app argo-api and Flux app flux-web have deployed three revisions in every cluster.'),
    (err: unknown) => {
      if (!stopping) io.err(`the demo's GitOps seed failed: ${err instanceof Error ? err.message : String(err)}`);
    },
  );
  const slack = await startSlackSim({
    port: tool.demoPort,
    users: Object.values(DEMO_USERS).map((u) => ({ id: u.id, name: u.name })),
    usergroups: DEMO_GROUPS,
    channels: DEMO_CHANNELS,
    consoleUsers: { requester: DEMO_USERS.requester.id, approver: DEMO_USERS.approver.id, bystander: DEMO_USERS.bystander.id },
  });
  cleanup.add('slack-sim', () => slack.stop());
  const configPath = join(dir, 'shipmate.yaml');
  await writeFile(configPath, demoConfigYaml(kube.gitRepoUrl));
  const env = loadRuntimeEnv({
    SLACK_BOT_TOKEN: 'xoxb-sim',
    SLACK_APP_TOKEN: 'xapp-sim',
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    SHIPMATE_CONFIG: configPath,
    PORT: String(tool.demoPort + 1),
    LOG_LEVEL: tool.logLevel,
    KUBECONFIG: kube.kubeconfigPath,
    [DEMO_GIT_TOKEN_ENV]: kube.gitToken,
    // Helm-owned apps go through a real helm 3: the one the simulators render with, unless one is named.
    SHIPMATE_HELM_PATH: tool.helmPath ?? kube.helmPath,
    // Flux `/k8s diff` renders the Kustomize source with a real kubectl: the simulators' one.
    SHIPMATE_KUBECTL_PATH: kube.kubectlPath,
  });
  const loaded = await loadConfig(configPath);
  if (!loaded.ok) throw new Error(`demo config invalid: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  // A fresh audit key per run: the demo's chain lives and dies with the run.
  const auditKeyText = randomBytes(32).toString('hex');
  const auditKey = loadAuditKey({ SHIPMATE_AUDIT_KEY: auditKeyText });
  const shipmate = await startShipmate({ env, config: loaded.config, logger: createLogger({ level: env.logLevel }), prefix, auditKey });
  cleanup.add('shipmate', () => shipmate.stop());

  return `
Shipmate demo is running.

  Slack console:  ${slack.url}/          (switch between requester, approver and bystander at the top)
  kubectl:        kubectl --kubeconfig ${kube.kubeconfigPath} --context prod -n shop get deploy,pods
  health/metrics: http://127.0.0.1:${env.port}/readyz  http://127.0.0.1:${env.port}/metrics
  audit trail:    REDIS_URL=${redisUrl} SHIPMATE_REDIS_PREFIX=${prefix} SHIPMATE_AUDIT_KEY=${auditKeyText} npx shipmate audit verify
  GitOps repo:    ${kube.gitRepoUrl}   (anonymous reads; push with any user and password "${kube.gitToken}")
                  Argo CD deploys argo-api and Flux deploys flux-web from it into every cluster's shop namespace

Type this first, as the requester:   /k8s rollback api-service prod
Then switch to the approver and click Approve. Also try: /k8s status checkout staging, /k8s help
Owned apps: /k8s history helm-api prod, /k8s rollback helm-api dev (through helm), /k8s status argo-api prod,
/k8s upgrade argo-api dev 1.3.0 then /k8s promote argo-api dev staging (reviewed Git commits), /k8s diff flux-web prod

Ctrl-C stops everything and deletes this run's keys (prefix ${prefix}) and files.`;
}

/**
 * `shipmate demo`: kube-sim (dev, staging, prod) + slack-sim with its web console + the bot in
 * Socket Mode, wired together. Uses REDIS_URL, or a private redis-server when nothing answers.
 * Whatever way it ends (Ctrl-C, SIGTERM, a failed start, a crash) it stops what it started.
 */
export async function runDemo(_argv: string[], io: CliIo): Promise<number> {
  const tool = loadToolEnv();
  // devkit first: a build without it stops before anything is checked or started.
  let sims: Sims;
  try {
    sims = { ...(await loadDevkit('gitopsWorld', 'demo')), ...(await loadDevkit('slackSim', 'demo')) };
  } catch (err) {
    if (!(err instanceof DevkitMissingError)) throw err;
    io.err(err.userMessage);
    return 1;
  }
  const busy = await busyPorts([tool.demoPort, tool.demoPort + 1]);
  if (busy.length > 0) {
    io.err(portsAdvice(busy, tool));
    return 1;
  }
  const cleanup = createCleanup();
  const finish = async (code: number): Promise<void> => {
    for (const f of await cleanup.run()) io.err(`demo: cleaning up ${f}`);
    process.exit(code);
  };
  // From here on, every way out runs the cleanup, even a Ctrl-C while the parts are starting.
  process.once('SIGINT', () => void finish(0));
  process.once('SIGTERM', () => void finish(0));
  process.once('uncaughtException', (err) => {
    io.err(`demo: ${err.stack ?? err.message}`);
    void finish(1);
  });
  let banner: string | null;
  try {
    banner = await startParts(tool, io, cleanup, sims);
  } catch (err) {
    await cleanup.run();
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    io.err(portsAdvice(await busyPorts([tool.demoPort, tool.demoPort + 1]), tool));
    banner = null;
  }
  if (banner === null) {
    await finish(1);
    return 1;
  }
  io.out(banner);
  return 0;
}
