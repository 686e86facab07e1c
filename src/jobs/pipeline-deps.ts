import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log.js';
import type { NotifierPort } from '../core/notifier.js';
import type { OperationRegistry } from '../core/operation.js';
import type { PipelinePolicy } from './pipeline-policy.js';
import type { PipelineQueues } from './queues.js';
import type { RequestStore } from './request-store.js';
import type { TargetLocks } from './target-lock.js';
import type { CancelBus } from './cancel-bus.js';
import type { RunningJobs } from './running-jobs.js';

/** Everything the pipeline's processors and actions share; built once by createPipeline. */
export interface PipelineDeps {
  store: RequestStore;
  locks: TargetLocks;
  queues: PipelineQueues;
  cancelBus: CancelBus;
  operations: OperationRegistry;
  policy: PipelinePolicy;
  notifier: NotifierPort;
  audit: AuditLog;
  logger: Logger;
  clock: () => Date;
  /** Requests running in this process: what a broadcast cancel aborts. */
  running: RunningJobs;
  /** Told how each job that ran ended and how long it ran (metrics). */
  onJobFinished?: (command: string, outcome: string, seconds: number) => void;
}

/** What recording a change needs: the audit trail and the card. */
export type ChangeDeps = Pick<PipelineDeps, 'audit' | 'notifier' | 'logger'>;
/** What running an operation's context needs: progress writes and limits. */
export type ContextDeps = Pick<PipelineDeps, 'store' | 'notifier' | 'policy'>;
/** What moving an approved request onto its queue (and its expiry job) needs. */
export type EnqueueDeps = ChangeDeps & Pick<PipelineDeps, 'store' | 'queues' | 'clock'>;
/** What the expiry job needs. */
export type ExpiryDeps = ChangeDeps & Pick<PipelineDeps, 'store'>;
/** What marking a dead worker's mutation interrupted needs. */
export type InterruptDeps = ChangeDeps & ContextDeps & Pick<PipelineDeps, 'locks' | 'operations'>;
/** What the plan job needs. */
export type PlanDeps = EnqueueDeps & ContextDeps & Pick<PipelineDeps, 'operations' | 'audit'>;
/** What the op job needs: it never touches queues or the cancel bus (a cancel reaches it through `running`). */
export type RunDeps = InterruptDeps & Pick<PipelineDeps, 'running' | 'clock' | 'onJobFinished'>;
/** What approve, deny and cancel need: policy, the queues they move a request onto or off, and the cancel bus. */
export type ActionDeps = EnqueueDeps & Pick<PipelineDeps, 'policy' | 'cancelBus'>;
/** What the reconciler needs to finish a dead replica's step: enqueue, or mark a started mutation interrupted. */
export type ReconcileDeps = EnqueueDeps & InterruptDeps;
/** What the workers hand their processors: the plan, op and expiry jobs' needs together. */
export type WorkerDeps = PlanDeps & RunDeps;
