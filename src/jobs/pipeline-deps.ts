import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log.js';
import type { NotifierPort } from '../core/notifier.js';
import type { OperationRegistry } from '../core/operation.js';
import type { PipelinePolicy } from './pipeline-policy.js';
import type { PipelineQueues } from './queues.js';
import type { RequestStore } from './request-store.js';
import type { TargetLocks } from './target-lock.js';
import type { CancelBus } from './cancel-bus.js';

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
  /** Requests running in this process, by id: what a broadcast cancel aborts. */
  running: Map<string, { controller: AbortController; cancelledBy: string | null }>;
  /** Told how each job that ran ended and how long it ran (metrics). */
  onJobFinished?: (command: string, outcome: string, seconds: number) => void;
}
