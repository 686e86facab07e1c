import { Redis } from 'ioredis';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { RuntimeEnv, ShipmateConfig } from './config/types.js';
import type { OperationRegistry } from './core/operation.js';
import type { CommandName } from './core/invocation.js';
import { checkHelmVersion, createClusterRegistry, createGitOpsOperations, createOperations, helmForConfig, ownerOptionsFor } from './k8s/index.js';
import { createScanOperations } from './k8s/scans/index.js';
import { isMutating } from './commands/registry.js';
import { createAuditLog } from './audit/index.js';
import { createPolicy } from './policy/index.js';
import { Queue } from 'bullmq';
import { createPipeline, createRequestStore, type Pipeline } from './jobs/index.js';
import { QUEUE_NAMES } from './jobs/queues.js';
import { ALERTS_QUEUE } from './jobs/alerts/schedules.js';
import { createAlertSchedules } from './jobs/alerts/index.js';
import { createSlackNotifier, NOTIFY_QUEUE } from './slack/notifier/index.js';
import { createSlackApp, webClientOptions, type SlackConnection } from './slack/app.js';
import { createUserGroupResolver } from './slack/user-groups.js';
import { createHealth, createMetrics, createObservabilityRoutes, queueCountsSource, redisPingCheck, readinessFlag } from './observability/index.js';

export interface ShipmateOptions {
  env: RuntimeEnv;
  config: ShipmateConfig;
  logger: Logger;
  /** Key prefix in Redis (queues, records, locks, audit). Tests pass a unique one. */
  prefix?: string;
  /** Worker tuning for tests (short stall detection). */
  worker?: { lockDurationMs?: number; stalledIntervalMs?: number; concurrency?: number };
  /** How often GitOps waits re-read the Argo CD / Flux object (default 1 s; tests shorten it). */
  gitopsPollMs?: number;
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

function combine(...registries: OperationRegistry[]): OperationRegistry {
  return (command) => {
    for (const r of registries) {
      const op = r(command);
      if (op) return op;
    }
    return undefined;
  };
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
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  const queueRedis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const metrics = createMetrics();
  const clusters = createClusterRegistry({
    clusters: config.clusters,
    ...(env.kubeconfig ? { kubeconfigPath: env.kubeconfig } : {}),
    logger,
    onApiCall: (call) => metrics.k8sCall(call),
  });
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
  const ownedOps = createOperations({ registry: clusters, logger, mutates: isMutating, showEnv: config.debug.showEnv, owners });
  const operations = combine(
    // GitOps (issue 13): sync/suspend/resume/diff, and the owner's state added to status/history.
    createGitOpsOperations({ registry: clusters, logger, mutates: isMutating, showEnv: config.debug.showEnv, owners, base: ownedOps }),
    ownedOps,
    createScanOperations({ clientsFor: (cluster: string) => clusters.clients(cluster), config, mutates: isMutating }),
  );
  const audit = createAuditLog({ redis, key: `${prefix}:audit`, logger });
  const slackClient = new WebClient(env.slackBotToken, webClientOptions(env.slackApiUrl, logger));
  const store = createRequestStore({ redis, prefix });
  const notifier = createSlackNotifier({
    redisUrl: env.redisUrl,
    redis,
    queueConnection: queueRedis,
    prefix,
    client: slackClient,
    records: {
      get: (id) => store.get(id),
      setCardTs: async (id, ts) => {
        await store.update(id, { cardTs: ts });
      },
    },
    logger,
    metrics,
    ...(opts.worker ? { worker: opts.worker } : {}),
  });
  const pipeline = createPipeline({
    redis,
    redisUrl: env.redisUrl,
    prefix,
    operations,
    policy,
    notifier: notifier.port,
    audit,
    logger,
    onJobFinished: (command, outcome, seconds) => metrics.jobFinished(command as CommandName, outcome, seconds),
    ...(opts.worker ? { worker: opts.worker } : {}),
  });
  const schedules = createAlertSchedules({ redisUrl: env.redisUrl, redis, prefix, config, notifier: notifier.port, clientsFor: (cluster: string) => clusters.clients(cluster), logger, audit });

  // Queue depth gauges read at scrape time, on the shared connection.
  const counted = [
    ...Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection: queueRedis, prefix: `${prefix}:q` })),
    new Queue(ALERTS_QUEUE, { connection: queueRedis, prefix: `${prefix}:q` }),
    new Queue(NOTIFY_QUEUE, { connection: queueRedis, prefix }),
  ];
  metrics.setQueueSource(queueCountsSource(counted));

  const workersReady = readinessFlag('workers not started');
  const health = createHealth({ logger, checks: { redis: redisPingCheck(redis), workers: workersReady.check } });
  const groups = createUserGroupResolver({ client: slackClient, logger });
  const slack = createSlackApp({
    connection: connectionFor(env),
    routes: createObservabilityRoutes({ metrics, health }),
    deps: { config, policy, pipeline, audit, groups, metrics, logger },
    logger,
  });

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
      await schedules.close();
      await pipeline.close();
      await notifier.close();
      await Promise.all(counted.map((q) => q.close()));
      await Promise.all([redis.quit(), queueRedis.quit()]);
      logger.info('shipmate stopped');
    },
  };
}
