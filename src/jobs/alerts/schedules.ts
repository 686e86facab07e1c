import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OpenRedis } from '../connections.js';
import type { AlertsConfig, AppConfig, EnvironmentConfig, ShipmateConfig } from '../../config/types.js';
import type { ScanClients } from '../../k8s/scans/clients.js';
import { createHygieneScanner, type HygieneScanner, type ScanKind } from '../../k8s/scans/hygiene-scanner.js';
import { scheduledRunTime } from '../adapters/scheduler-run-time.js';
import { ALERTS_QUEUE, bullPrefixOf } from '../names.js';
import { runAlertScan, type AlertRunDeps, type AlertRunReport } from './alert-run.js';

export interface AlertSchedulesOptions extends Omit<AlertRunDeps, 'redis' | 'config' | 'environments' | 'apps' | 'runScan'> {
  /** Opens the queue's and the worker's own connections (main.ts builds them); closed here. */
  connect: OpenRedis;
  /** The `alerts` section (then pass environments and apps), or the whole config. */
  config: AlertsConfig | Pick<ShipmateConfig, 'alerts' | 'environments' | 'apps'>;
  environments?: Record<string, EnvironmentConfig>;
  apps?: Record<string, AppConfig>;
  /** How clusters are scanned: a scanner, or the cluster registry's clients to build one from. */
  runScan?: HygieneScanner;
  clientsFor?: (cluster: string) => ScanClients | Promise<ScanClients>;
  /** Client for alert state and run claims; one is opened with `connect` (and closed) when absent. */
  redis?: Redis;
  /** Called after every run this process performed or skipped (tests and metrics). */
  onRun?: (report: AlertRunReport) => void;
}

export interface AlertSchedules {
  /** The alerts queue, for depth gauges. */
  queue: Queue;
  /** Upserts one job scheduler per configured kind (and removes those no longer configured), starts the worker. */
  start(): Promise<void>;
  /** Runs a kind now, outside the schedule; `scheduledAt` names the run for the claim (default: now). */
  runNow(kind: ScanKind, scheduledAt?: number): Promise<AlertRunReport>;
  close(): Promise<void>;
}

export { ALERTS_QUEUE };
const KINDS: readonly ScanKind[] = ['certificates', 'quotas', 'gitops'];

interface AlertJobData {
  kind: ScanKind;
}

/**
 * Scheduled hygiene scans through BullMQ job schedulers: deterministic job ids per scheduled time,
 * so any number of replicas produce one job per run, and the run claim guards the rest.
 */
export function createAlertSchedules(options: AlertSchedulesOptions): AlertSchedules {
  const bullPrefix = bullPrefixOf(options.prefix);
  const ownRedis = options.redis ? undefined : options.connect('alerts-state');
  const queueConnection = options.connect('alerts-queue');
  const deps = runDeps(options, options.redis ?? ownRedis!);
  const alerts = deps.config;
  const queue = new Queue<AlertJobData>(ALERTS_QUEUE, { connection: queueConnection, prefix: bullPrefix });
  let worker: Worker<AlertJobData> | undefined;
  let workerConnection: Redis | undefined;

  const run = async (kind: ScanKind, scheduledAt: number) => {
    const report = await runAlertScan(deps, kind, scheduledAt);
    options.onRun?.(report);
    return report;
  };

  return {
    queue,
    async start() {
      for (const kind of KINDS) {
        const config = alerts[kind];
        if (!config) {
          await queue.removeJobScheduler(kind);
          continue;
        }
        await queue.upsertJobScheduler(kind, { pattern: config.schedule, tz: config.timezone }, {
          name: kind,
          data: { kind },
          // Scans are read-only: a retry is safe, and the claim is released when a run fails.
          opts: { attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 86_400 } },
        });
      }
      workerConnection = options.connect('alerts-worker');
      worker = new Worker<AlertJobData>(ALERTS_QUEUE, (job) => run(job.data.kind, scheduledRunTime(job)), {
        connection: workerConnection,
        prefix: bullPrefix,
        concurrency: 1,
      });
      worker.on('failed', (job, err) => options.logger.error({ err, jobId: job?.id }, 'alert run failed'));
    },
    runNow: (kind, scheduledAt) => run(kind, scheduledAt ?? Date.now()),
    async close() {
      await worker?.close();
      await queue.close();
      const connections = [queueConnection, ...(ownRedis ? [ownRedis] : []), ...(workerConnection ? [workerConnection] : [])];
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
}

function runDeps(options: AlertSchedulesOptions, redis: Redis): AlertRunDeps {
  const whole = 'environments' in options.config ? options.config : undefined;
  const runScan =
    options.runScan ??
    (options.clientsFor ? createHygieneScanner({ clientsFor: options.clientsFor, logger: options.logger }) : undefined);
  if (!runScan) throw new Error('createAlertSchedules needs runScan or clientsFor');
  const { config: _config, environments, apps, clientsFor: _clientsFor, onRun: _onRun, connect: _connect, ...rest } = options;
  return {
    ...rest,
    redis,
    runScan,
    config: whole ? whole.alerts : (options.config as AlertsConfig),
    environments: environments ?? whole?.environments ?? {},
    apps: apps ?? whole?.apps ?? {},
  };
}

/** Kept under its old name for callers; the id format lives in the adapter. */
export { scheduledRunTime as scheduledAtOf };
