import { Redis } from 'ioredis';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { RuntimeEnv, ShipmateConfig } from './config/types.js';
import type { Reachability } from './k8s/index.js';
import type { CommandName } from './core/invocation.js';
import { checkHelmVersion, createClusterReachability, createClusterRegistry, createOperationRegistry, helmForConfig, ownerOptionsFor } from './k8s/index.js';
import { gitopsRepos } from './gitops-wiring.js';
import { anchorText, createAuditLog, type AnchorPoster } from './audit/index.js';
import { isMutating } from './commands/registry.js';
import { createPolicy } from './policy/index.js';
import { createPipeline, type Pipeline } from './jobs/index.js';
import { auditKeyOf } from './jobs/names.js';
import { createAlertSchedules } from './jobs/alerts/index.js';
import { createSlackNotifier } from './slack/notifier/index.js';
import { createSlackApp, preAckClientOptions, webClientOptions, type SlackConnection } from './slack/app.js';
import { createUserGroupResolver } from './slack/user-groups.js';
import { userNameLookup } from './slack/user-name.js';
import { createHealth, createMetrics, createObservabilityRoutes, queueCountsSource, redisPingCheck, readinessFlag } from './observability/index.js';

export interface ShipmateOptions {
  env: RuntimeEnv;
  config: ShipmateConfig;
  logger: Logger;
  /** Key prefix in Redis (queues, records, locks, audit). Tests pass a unique one. */
  prefix?: string;
  /** SHIPMATE_AUDIT_KEY: keys the audit chain's HMACs; never written to Redis. */
  auditKey: Buffer;
  /** Worker tuning for tests (short stall detection). */
  worker?: { lockDurationMs?: number; stalledIntervalMs?: number; concurrency?: number };
  /** Opens every Redis connection Shipmate uses, by purpose (tests count them); default: a new ioredis client on REDIS_URL. */
  connect?: (purpose: string) => Redis;
  /** How often GitOps waits re-read the Argo CD / Flux object (default 1 s; tests shorten it). */
  gitopsPollMs?: number;
  /** Where working copies of the GitOps repositories are kept (issue 14; default under the temp dir). */
  gitCacheDir?: string;
}

/**
 * The one place a Redis connection is made. The shared command connection auto-pipelines; every
 * other one (BullMQ queues and workers, the cancel subscriber) is dedicated and must not: BullMQ
 * defines dozens of scripts per connection and workers block.
 */
export function redisConnector(url: string): (purpose: string) => Redis {
  return (purpose) =>
    new Redis(url, { maxRetriesPerRequest: null, connectionName: `shipmate-${purpose}`, ...(purpose === 'command' ? { enableAutoPipelining: true } : {}) });
}

export interface Shipmate {
  pipeline: Pipeline;
  port: number;
  stop(): Promise<void>;
}

function connectionFor(env: RuntimeEnv): SlackConnection {
  const apiUrl = env.slackApiUrl ? { apiUrl: env.slackApiUrl } : {};
  if (env.slackAppToken) return { mode: 'socket', botToken: env.slackBotToken, appToken: env.slackAppToken, port: env.port, ...apiUrl };
  if (env.slackSigningSecret) return { mode: 'http', botToken: env.slackBotToken, signingSecret: env.slackSigningSecret, port: env.port, ...apiUrl };
  throw new Error('neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set');
}

function unreachableReason(r: Reachability): string | null {
  return r.state === 'unreachable' ? `${r.reason} (since ${r.since})` : null;
}

/**
 * The composition root: config → logger → redis → clusters → slack → workers. Nothing else in the
 * product builds infrastructure; everything below takes its collaborators as arguments.
 */
export async function startShipmate(opts: ShipmateOptions): Promise<Shipmate> {
  const { env, config, logger } = opts;
  const prefix = opts.prefix ?? 'shipmate';
  // The shared command connection (request store, audit, card bookkeeping, locks) auto-pipelines:
  // the commands of concurrent slash commands go out in one write per tick, which roughly halves
  // Redis CPU and cuts ack latency under bursts. BullMQ gets connections of its own: it defines
  // dozens of scripts on a connection, and ioredis copies every one of them into each automatic
  // pipeline; its workers and the cancel subscriber block, which must never be auto-pipelined.
  const connect = opts.connect ?? redisConnector(env.redisUrl);
  const redis = connect('command');
  const queueRedis = connect('notify-queue');
  const metrics = createMetrics();
  const clusters = createClusterRegistry({
    clusters: config.clusters,
    ...(env.kubeconfig ? { kubeconfigPath: env.kubeconfig } : {}),
    logger,
    onApiCall: (call) => metrics.k8sCall(call),
  });
  const reachability = createClusterReachability({ registry: clusters, logger });
  const policy = createPolicy(config);
  // Owners (DESIGN.md §4a): Helm-owned apps are operated through the helm 3 binary, checked here.
  const helm = helmForConfig({ path: env.helmPath, kubeconfig: env.kubeconfig, config, env: env.helmEnv ?? {} });
  const helmCheck = await checkHelmVersion(helm);
  if (helmCheck.ok) logger.info({ helm: helmCheck.version }, 'helm found');
  else logger.warn({ reason: helmCheck.reason }, 'helm unavailable: Helm-owned apps cannot be rolled back or upgraded');
  const owners = {
    ...ownerOptionsFor({ config, policy, helm }),
    // GitOps (issue 13): how a rollback of a GitOps-owned app is made, and how often GitOps waits re-read.
    rollbackStrategyOf: (app: string) => config.apps[app]?.rollbackStrategy ?? 'history',
    ...(opts.gitopsPollMs !== undefined ? { gitopsPollMs: opts.gitopsPollMs } : {}),
  };
  // The notifier's client waits out 429s (its queue pauses for Retry-After). Lookups made before an
  // ack get a client of their own that rejects a rate-limited call at once, so a notifier under a
  // 429 never delays an ack (a rejected lookup counts as "not a member": fail closed).
  const slackClient = new WebClient(env.slackBotToken, webClientOptions(env.slackApiUrl, logger));
  const preAckClient = new WebClient(env.slackBotToken, preAckClientOptions(env.slackApiUrl, logger));
  // Issue 14: for apps with `apps.<app>.gitops`, upgrade/promote/rollback become reviewed commits;
  // issue 13: Flux `/k8s diff` renders the source from the same working copies.
  const repos = await gitopsRepos({ config, logger, secretOf: env.secretOf, gitEnv: env.gitEnv, kubectlPath: env.kubectlPath, prefix, cacheDir: opts.gitCacheDir, nameOf: userNameLookup(slackClient) });
  const operations = createOperationRegistry({ registry: clusters, logger, mutates: isMutating, showEnv: config.debug.showEnv, owners, alerts: config.alerts, ...repos });
  const notifier = createSlackNotifier({
    connect,
    redis,
    queueConnection: queueRedis,
    prefix,
    client: slackClient,
    // The pipeline's own store; the notifier reads records only once started, after `pipeline` exists.
    records: { get: (id) => pipeline.get(id), setCardTs: (id, ts) => pipeline.setCardTs(id, ts) },
    logger,
    metrics,
    ...(opts.worker ? { worker: opts.worker } : {}),
  });
  // The chain's head is anchored outside Redis by posting it to the audit channel.
  const anchorChannel = config.audit?.anchorChannel;
  const postAnchor: AnchorPoster | undefined = anchorChannel
    ? (a) => notifier.port.channelMessage(anchorChannel, { text: anchorText(a), source: 'audit chain', groups: [{ heading: 'Audit anchor', total: 1, items: [{ mark: 'note', text: anchorText(a) }], hidden: 0 }] })
    : undefined;
  const audit = createAuditLog({ redis, key: auditKeyOf(prefix), hmacKey: opts.auditKey, anchoring: { policy: config.audit?.anchorEvery, post: postAnchor }, logger });
  const pipeline = createPipeline({
    redis,
    connect,
    prefix,
    operations,
    policy,
    notifier: notifier.port,
    audit,
    logger,
    onJobFinished: (command, outcome, seconds) => metrics.jobFinished(command as CommandName, outcome, seconds),
    ...(opts.worker ? { worker: opts.worker } : {}),
  });
  const schedules = createAlertSchedules({ connect, redis, prefix, config, notifier: notifier.port, clientsFor: (cluster: string) => clusters.clients(cluster), logger, audit });

  // Queue depth gauges read the queues the components already hold, at scrape time.
  metrics.setQueueSource(queueCountsSource([...pipeline.queues(), schedules.queue, notifier.queue]));

  const workersReady = readinessFlag('workers not started');
  const health = createHealth({ logger, checks: { redis: redisPingCheck(redis), workers: workersReady.check }, clusters: () => reachability.snapshot() });
  const groups = createUserGroupResolver({ client: preAckClient, logger });
  const slack = createSlackApp({
    connection: connectionFor(env),
    routes: createObservabilityRoutes({ metrics, health }),
    deps: { config, policy, pipeline, audit, groups, metrics, logger, clusters: { unreachable: (c) => unreachableReason(reachability.of(c)) } },
    logger,
  });

  reachability.start();
  await notifier.start();
  await pipeline.start();
  await schedules.start();
  await slack.start();
  workersReady.markReady();
  logger.info({ prefix, environments: Object.keys(config.environments) }, 'shipmate started');

  return {
    pipeline,
    port: env.port,
    async stop() {
      // Readiness turns 503 first so traffic moves away while running jobs finish.
      health.setShuttingDown();
      await slack.stop().catch((err: unknown) => logger.warn({ err }, 'slack stop failed'));
      reachability.stop();
      await schedules.close();
      await pipeline.close();
      await notifier.close();
      await Promise.all([redis.quit(), queueRedis.quit()]);
      logger.info('shipmate stopped');
    },
  };
}
