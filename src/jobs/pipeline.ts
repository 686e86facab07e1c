import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log.js';
import type { Invocation } from '../core/invocation.js';
import type { NotifierPort } from '../core/notifier.js';
import type { OperationRegistry, Scope } from '../core/operation.js';
import type { RequestRecord } from '../core/request.js';
import { describeTarget } from '../core/target.js';
import { createCancelBus } from './cancel-bus.js';
import type { OpenRedis } from './connections.js';
import { STEPS } from './lifecycle.js';
import { cancelChannelOf, jobIdOf } from './names.js';
import * as actions from './pipeline-actions.js';
import type { ActionResult } from './pipeline-actions.js';
import type { PipelineDeps } from './pipeline-deps.js';
import type { PipelinePolicy } from './pipeline-policy.js';
import { createQueues } from './queues.js';
import { startReconciler } from './reconcile.js';
import { createRequestStore } from './request-store.js';
import { auditRequested } from './requested-audit.js';
import { createRunningJobs } from './running-jobs.js';
import { createTargetLocks } from './target-lock.js';
import { startWorkers, type PipelineWorkers, type WorkerSettings } from './workers.js';

export interface PipelineOptions {
  /** Shared command connection (request store, locks, cancel publishing). */
  redis: Redis;
  /** Opens the dedicated connections BullMQ and the cancel subscriber need; the pipeline closes them. */
  connect: OpenRedis;
  /** Key prefix for everything the pipeline stores, e.g. 'shipmate' (tests: unique per file). */
  prefix: string;
  operations: OperationRegistry;
  policy: PipelinePolicy;
  notifier: NotifierPort;
  audit: AuditLog;
  logger: Logger;
  worker?: WorkerSettings & {
    /** Expiry of a target lock whose holder died (default 30 s). */
    targetLockTimeoutMs?: number;
  };
  clock?: () => Date;
  /** Told how each job that ran ended and how long it ran (job duration metrics). */
  onJobFinished?: (command: string, outcome: string, seconds: number) => void;
}

/** A new (or repeated) request, or why none was made; `busy` says who holds the target, as data. */
export type SubmitOutcome =
  | { request: RequestRecord; created: boolean }
  | { rejected: string; busy?: { target: string; holder: { requestId: string; user: string; since: string } } };

export interface SubmitRequest {
  invocation: Invocation;
  text: string;
  scope: Scope | null;
  requester: string;
  /** The requester's Slack handle (safe form, see core/handle.ts), shown where the id would be. */
  requesterHandle?: string;
  channel: string;
  /** e.g. the Slack trigger_id: a retried delivery returns the same request. */
  idempotencyKey?: string;
}

export type { ActionResult } from './pipeline-actions.js';

/** The request pipeline as the Slack layer sees it. */
export interface Pipeline {
  /** Fast: Redis only, never cluster I/O. Creates the request (or returns the one for a repeated idempotencyKey) and enqueues its plan. */
  submit(req: SubmitRequest): Promise<SubmitOutcome>;
  /**
   * Policy is re-checked here; self-approval and non-approvers get policy's message. Exactly one
   * caller reaches `approved`. `handle` (safe form) is recorded beside the approver's id.
   */
  approve(requestId: string, user: string, userGroups: ReadonlySet<string>, handle?: string): Promise<ActionResult>;
  /** Approvers may deny; the requester cancels instead. */
  deny(requestId: string, user: string, userGroups: ReadonlySet<string>): Promise<ActionResult>;
  /** The requester or an approver. Queued → removed; running → aborted on whichever replica runs it. */
  cancel(requestId: string, user: string, userGroups?: ReadonlySet<string>): Promise<ActionResult>;
  get(requestId: string): Promise<RequestRecord | null>;
  /** Where the request's card (and thread root) lives. */
  setCardTs(requestId: string, ts: string): Promise<void>;
  list(opts: { env?: string; active?: boolean; limit?: number }): Promise<RequestRecord[]>;
  /** The pipeline's queues, for depth gauges. */
  queues(): readonly Queue[];
  /** Starts workers and the cancel listener; a process may submit without ever calling it. */
  start(): Promise<void>;
  /** Graceful: waits for active jobs, then closes connections. */
  close(): Promise<void>;
}

export function createPipeline(opts: PipelineOptions): Pipeline {
  const logger = opts.logger;
  const deps: PipelineDeps = {
    store: createRequestStore({ redis: opts.redis, prefix: opts.prefix, ...(opts.clock ? { clock: opts.clock } : {}) }),
    locks: createTargetLocks({
      redis: opts.redis,
      prefix: opts.prefix,
      logger,
      ...(opts.worker?.targetLockTimeoutMs !== undefined ? { lockTimeoutMs: opts.worker.targetLockTimeoutMs } : {}),
    }),
    queues: createQueues({ connect: opts.connect, prefix: opts.prefix }),
    cancelBus: createCancelBus({ redis: opts.redis, connect: opts.connect, channel: cancelChannelOf(opts.prefix), logger }),
    operations: opts.operations,
    policy: opts.policy,
    notifier: opts.notifier,
    audit: opts.audit,
    logger,
    clock: opts.clock ?? (() => new Date()),
    ...(opts.onJobFinished ? { onJobFinished: opts.onJobFinished } : {}),
    running: createRunningJobs(),
  };
  let workers: PipelineWorkers | null = null;
  let reconciler: { stop(): void } | null = null;

  async function submit(req: SubmitRequest): Promise<SubmitOutcome> {
    const op = deps.operations.get(req.invocation.command);
    if (!op) return { rejected: `\`${req.invocation.command}\` is not available yet` };
    if (!req.scope) return { rejected: `\`${req.invocation.command}\` needs an environment` };
    const target = op.target({ invocation: req.invocation, scope: req.scope });
    if (op.mutates) {
      const holder = await deps.locks.lockHolder(target);
      if (holder && !(await isRetryOf(req, holder.requestId))) {
        const where = describeTarget(target);
        return { rejected: `${where} is busy: ${holder.requestId} holds it since ${holder.since}`, busy: { target: where, holder } };
      }
    }
    const { record, created } = await deps.store.create(
      {
        invocation: req.invocation,
        text: req.text,
        scope: req.scope,
        target,
        mutates: op.mutates,
        requester: req.requester,
        ...(req.requesterHandle ? { requesterHandle: req.requesterHandle } : {}),
        channel: req.channel,
        approvalsRequired: deps.policy.approvalsRequired(req.scope.env, req.invocation.command, op.mutates),
      },
      req.idempotencyKey,
    );
    if (!created) return { request: record, created };
    // Both before the ack, in this order: a plan job that exists knows the creator's append is
    // over, so when it finds the request still marked unaudited (the store marks it in the step
    // that creates it) it writes 'requested' itself. A replica that dies here leaves what the
    // reconciler finishes: it re-adds the plan job, whose first step writes the missing record.
    // The card is not awaited: the plan job posts it as its first step.
    await auditRequested(deps, record);
    await deps.queues.get(STEPS.plan.queue).add(req.invocation.command, { requestId: record.id }, { jobId: jobIdOf(STEPS.plan.jobIdPrefix, record.id) });
    return { request: record, created };
  }

  // A retried delivery of the request that holds the lock must still get its own request back.
  async function isRetryOf(req: SubmitRequest, holderId: string): Promise<boolean> {
    if (!req.idempotencyKey) return false;
    const rec = await deps.store.get(holderId);
    return rec !== null && rec.requester === req.requester && rec.text === req.text;
  }

  async function setCardTs(requestId: string, ts: string): Promise<void> {
    await deps.store.update(requestId, { cardTs: ts });
  }

  async function start(): Promise<void> {
    if (workers) return;
    await deps.cancelBus.listen(({ requestId, user }) => {
      if (deps.running.cancel(requestId, user)) logger.info({ requestId, user }, 'cancelled a running request');
    });
    workers = startWorkers(deps, opts.connect, opts.worker ?? {});
    // A dead replica's half-taken step is finished by the survivors within about a lock period.
    const lockMs = opts.worker?.lockDurationMs ?? 30_000;
    reconciler = startReconciler(deps, { everyMs: Math.max(1000, Math.round(lockMs / 2)), settleMs: lockMs });
  }

  async function close(): Promise<void> {
    reconciler?.stop();
    reconciler = null;
    if (workers) await workers.close();
    workers = null;
    await deps.cancelBus.close();
    await deps.queues.close();
  }

  return {
    submit,
    approve: (id, user, groups, handle) => actions.approve(deps, id, user, groups, handle),
    deny: (id, user, groups) => actions.deny(deps, id, user, groups),
    cancel: (id, user, groups = new Set()) => actions.cancel(deps, id, user, groups),
    get: (id) => deps.store.get(id),
    setCardTs,
    list: (lo) => deps.store.list(lo),
    queues: () => deps.queues.all(),
    start,
    close,
  };
}
