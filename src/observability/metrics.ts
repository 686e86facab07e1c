import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import type { CommandName } from '../core/invocation.js';

/**
 * Label values are typed so callers cannot put user text into a label (a typo'd command would
 * otherwise mint a new time series per keystroke). `(string & Record<never, never>)` keeps the
 * documented values in autocomplete while letting other layers add a new outcome without an edit here.
 */
type Open<T extends string> = T | (string & Record<never, never>);

/** A known command, or `unknown` for anything that did not parse. */
export type MetricCommand = CommandName | 'unknown';
export type RequestOutcome = Open<'accepted' | 'rejected' | 'usage_error' | 'denied' | 'busy' | 'error'>;
export type ApprovalDecision = 'approved' | 'denied' | 'refused';
export type JobOutcome = Open<'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'expired'>;
export type SlackCallOutcome = Open<'ok' | 'error' | 'rate_limited'>;
export type QueueState = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed';

export interface QueueCounts {
  queue: string;
  counts: Partial<Record<QueueState, number>>;
}

/** Called on every scrape; jobs/ registers one that reads BullMQ's `getJobCounts()`. */
export type QueueSource = () => Promise<QueueCounts[]>;

export interface K8sCall {
  cluster: string;
  /** Kubernetes verb: get, list, watch, create, patch, update, delete. */
  verb: string;
  /** HTTP status, or 0 when no response arrived (network error, timeout). */
  code: number;
  ms: number;
}

export interface Metrics {
  /** The registry, for callers that need to merge or inspect it (tests). */
  readonly registry: Registry;
  request(command: MetricCommand, outcome: RequestOutcome): void;
  approval(decision: ApprovalDecision): void;
  jobFinished(command: MetricCommand, outcome: JobOutcome, seconds: number): void;
  slackCall(method: string, outcome: SlackCallOutcome): void;
  slackRateLimited(method: string): void;
  k8sCall(call: K8sCall): void;
  /** Replaces any earlier source; `shipmate_queue_jobs` stays empty until one is set. */
  setQueueSource(source: QueueSource): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export interface CreateMetricsOptions {
  /** Logs a failing queue source; the scrape itself still succeeds without queue gauges. */
  logger?: Logger;
  /** Node process metrics (CPU, memory, event loop lag); on by default. */
  processMetrics?: boolean;
}

const QUEUE_STATES: readonly QueueState[] = ['waiting', 'active', 'delayed', 'failed', 'completed'];
// Jobs range from a sub-second status read to a half-hour drain.
const JOB_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
const K8S_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics on a registry of their own, so two instances (tests, a sandbox beside the
 * bot) never collide on prom-client's global default registry.
 */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'shipmate_requests_total',
    help: 'Slash-command requests by command and how they were answered.',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const approvals = new Counter({
    name: 'shipmate_approvals_total',
    help: 'Approval button clicks by decision (refused = the clicker may not approve).',
    labelNames: ['decision'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'shipmate_job_duration_seconds',
    help: 'Wall time of operation jobs from start to terminal state.',
    labelNames: ['command', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const slackCalls = new Counter({
    name: 'shipmate_slack_api_calls_total',
    help: 'Slack Web API calls by method and outcome.',
    labelNames: ['method', 'outcome'] as const,
    registers,
  });
  const slackRateLimited = new Counter({
    name: 'shipmate_slack_rate_limited_total',
    help: 'Slack 429 answers by method (each one pauses that method for Retry-After).',
    labelNames: ['method'] as const,
    registers,
  });
  const k8sCalls = new Counter({
    name: 'shipmate_k8s_api_calls_total',
    help: 'Kubernetes API calls by cluster, verb and HTTP status (0 = no response).',
    labelNames: ['cluster', 'verb', 'code'] as const,
    registers,
  });
  const k8sLatency = new Histogram({
    name: 'shipmate_k8s_api_request_duration_seconds',
    help: 'Kubernetes API call latency by cluster and verb.',
    labelNames: ['cluster', 'verb'] as const,
    buckets: K8S_BUCKETS,
    registers,
  });

  let queueSource: QueueSource | undefined;
  // One Redis read per scrape, shared by both queue families: prom-client collects every metric
  // concurrently, so each collect() awaits the same in-flight read.
  let inFlight: Promise<QueueCounts[] | null> | undefined;
  const readQueues = (): Promise<QueueCounts[] | null> => {
    const source = queueSource;
    if (!source) return Promise.resolve([]);
    inFlight ??= source()
      .catch((err: unknown) => {
        options.logger?.warn({ err }, 'metrics: reading queue counts failed');
        return null;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  new Gauge({
    name: 'shipmate_queue_source_up',
    help: '1 when this scrape could read queue counts from Redis, 0 when it failed.',
    registers,
    async collect() {
      this.set((await readQueues()) === null ? 0 : 1);
    },
  });
  new Gauge({
    name: 'shipmate_queue_jobs',
    help: 'Jobs per BullMQ queue and state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      // Queues that vanished since the last scrape must not linger as stale series.
      this.reset();
      for (const { queue, counts } of (await readQueues()) ?? []) {
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });

  return {
    registry,
    request: (command, outcome) => requests.inc({ command, outcome }),
    approval: (decision) => approvals.inc({ decision }),
    jobFinished: (command, outcome, seconds) => jobDuration.observe({ command, outcome }, seconds),
    slackCall: (method, outcome) => {
      slackCalls.inc({ method, outcome });
      // Callers report a 429 as an outcome; the dedicated family must count it too.
      if (outcome === 'rate_limited') slackRateLimited.inc({ method });
    },
    slackRateLimited: (method) => slackRateLimited.inc({ method }),
    k8sCall: ({ cluster, verb, code, ms }) => {
      k8sCalls.inc({ cluster, verb, code: String(code) });
      k8sLatency.observe({ cluster, verb }, ms / 1000);
    },
    setQueueSource: (source) => {
      queueSource = source;
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
