import type { RequestState } from '../core/request.js';
import type { QueueName } from './names.js';

/**
 * The request lifecycle, in one place. `NEXT` is the whole state machine; `TRANSITIONS` names every
 * change the code makes (and is the only place a `from → to` pair is written: a test enforces it);
 * `STEPS` says, for each named step, which queue runs it, how its job id is made, how often it may
 * be tried and what happens when its worker dies.
 *
 * What happens after approval? `approve` (the last needed click) moves awaiting_approval → approved,
 * `enqueue` approved → queued and adds the `start` job; the `start` step takes it queued → running
 * and `finish` ends it succeeded | failed | cancelled. A mutation whose worker dies is `interrupt`ed,
 * never run twice; a read-only job is retried.
 */
export const NEXT: Readonly<Record<RequestState, readonly RequestState[]>> = {
  requested: ['awaiting_approval', 'approved', 'succeeded', 'failed', 'cancelled', 'denied'],
  awaiting_approval: ['approved', 'denied', 'cancelled', 'expired'],
  approved: ['queued', 'cancelled'],
  queued: ['running', 'cancelled'],
  running: ['succeeded', 'failed', 'cancelled', 'interrupted'],
  succeeded: [],
  failed: [],
  cancelled: [],
  denied: [],
  expired: [],
  interrupted: [],
};

export interface Transition {
  readonly from: readonly RequestState[];
  readonly to: RequestState;
}

/** Every state change the pipeline makes, by name. Each pair must be allowed by `NEXT`. */
export const TRANSITIONS = {
  /** plan: the plan shows nothing would change. */
  planNoop: { from: ['requested'], to: 'succeeded' },
  /** plan: approvals are needed; the expiry job is scheduled. */
  planAwait: { from: ['requested'], to: 'awaiting_approval' },
  /** plan: policy needs no approval. */
  planApproved: { from: ['requested'], to: 'approved' },
  planFailed: { from: ['requested'], to: 'failed' },
  /** plan: policy refuses the change itself (e.g. imperativeOnOwned: refuse); denied by policy, not failed. */
  planRefused: { from: ['requested'], to: 'denied' },
  /** approve: the click that reaches the required count (atomic with adding the approval). */
  approve: { from: ['awaiting_approval'], to: 'approved' },
  deny: { from: ['requested', 'awaiting_approval'], to: 'denied' },
  expire: { from: ['awaiting_approval'], to: 'expired' },
  enqueue: { from: ['approved'], to: 'queued' },
  start: { from: ['queued'], to: 'running' },
  succeed: { from: ['running'], to: 'succeeded' },
  fail: { from: ['running'], to: 'failed' },
  cancelWaiting: { from: ['requested', 'awaiting_approval', 'approved', 'queued'], to: 'cancelled' },
  cancelRunning: { from: ['running'], to: 'cancelled' },
  interrupt: { from: ['running'], to: 'interrupted' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** What the worker of a step does when its process dies while holding the job. */
export type StallPolicy = 'retry' | 'interrupt';

export interface QueuedStep {
  readonly queue: QueueName;
  /** 'plan-R-…' etc.: derived from the request id, so a repeated add is a no-op. */
  readonly jobIdPrefix: 'plan' | 'op' | 'expiry';
  readonly attempts: number;
  /** retry: a dead worker's job runs again (read-only work); interrupt: it ends `interrupted`. */
  readonly onStall: StallPolicy;
  readonly transitions: readonly TransitionName[];
}

/**
 * The named steps. `plan`, `start` (split by whether the command mutates) and `expire` run as
 * jobs; `approve`, `cancel` and `interrupt` run where the click or the stall is seen; `finish` runs
 * inside `start`'s job.
 */
export const STEPS = {
  plan: { queue: 'plans', jobIdPrefix: 'plan', attempts: 3, onStall: 'retry', transitions: ['planNoop', 'planAwait', 'planApproved', 'planFailed', 'planRefused'] },
  startRead: { queue: 'reads', jobIdPrefix: 'op', attempts: 3, onStall: 'retry', transitions: ['start'] },
  startMutation: { queue: 'mutations', jobIdPrefix: 'op', attempts: 1, onStall: 'interrupt', transitions: ['start'] },
  expire: { queue: 'expiry', jobIdPrefix: 'expiry', attempts: 5, onStall: 'retry', transitions: ['expire'] },
} as const satisfies Record<string, QueuedStep>;

export type QueuedStepName = keyof typeof STEPS;

/** Steps that run in the caller's process (a click, a stall event), not as a job of their own. */
export const INLINE_STEPS = {
  approve: ['approve', 'enqueue'],
  deny: ['deny'],
  cancel: ['cancelWaiting', 'cancelRunning'],
  finish: ['succeed', 'fail', 'cancelRunning'],
  interrupt: ['interrupt'],
} as const satisfies Record<string, readonly TransitionName[]>;

/**
 * What finishes a request a dead replica left in a non-terminal state (the reconciler): the job
 * of the step that moves it on (re-added if lost, retried if it stalled before it began),
 * `enqueue` run again, or, for a request left running, `interrupt` when its job stalled.
 */
export const RESUME = {
  requested: { job: 'plan' },
  awaiting_approval: 'wait',
  approved: 'enqueue',
  queued: { job: 'start' },
  running: 'interruptIfStalled',
} as const satisfies Partial<Record<RequestState, { job: 'plan' | 'start' } | 'wait' | 'enqueue' | 'interruptIfStalled'>>;

/** The queued step that runs an approved request's operation. */
export function startStep(mutates: boolean): QueuedStepName {
  return mutates ? 'startMutation' : 'startRead';
}

/** Whether `from → to` is allowed by the table. */
export function allowed(from: RequestState, to: RequestState): boolean {
  return NEXT[from].includes(to);
}

/** Whether transition `t` can be made from `state`. */
export function startsFrom(t: Transition, state: RequestState): boolean {
  return t.from.includes(state);
}
