import type { Invocation } from './invocation.js';
import type { RequestId } from './ids.js';
import type { OperationResult, Plan } from './plan.js';
import type { OwnerRefusal } from './refusal.js';
import type { Scope } from './operation.js';
import type { TargetRef } from './target.js';

export type RequestState =
  | 'requested'
  | 'awaiting_approval'
  | 'approved'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'denied'
  | 'expired'
  | 'interrupted';

export const TERMINAL_STATES: ReadonlySet<RequestState> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'denied',
  'expired',
  'interrupted',
]);

export interface Approval {
  user: string;
  at: string;
  /** The approver's Slack handle at the click (safe form, see core/handle.ts); absent in older records. */
  handle?: string;
}

/**
 * The durable record of one request, stored in Redis by jobs/ and rendered by slack/. Every
 * state change bumps `version` (used to coalesce card edits) and is an audit event.
 */
export interface RequestRecord {
  id: RequestId;
  state: RequestState;
  version: number;
  invocation: Invocation;
  /** The text as typed after `/k8s`. */
  text: string;
  scope: Scope | null;
  target: TargetRef | null;
  mutates: boolean;
  requester: string;
  /** The requester's Slack handle (safe form, see core/handle.ts); absent when Slack sent none and in older records. */
  requesterHandle?: string;
  /** Where the card lives; `cardTs` is also the thread root. */
  channel: string;
  cardTs: string | null;
  plan: Plan | null;
  approvalsRequired: number;
  approvals: Approval[];
  /** Who denied or cancelled, and why / what. */
  decidedBy: string | null;
  reason: string | null;
  /** Set when policy refused the plan (an imperative change to an owned workload): why and what to do instead. */
  refusal?: OwnerRefusal;
  /** Latest one-line status from a running job. */
  status: string | null;
  result: OperationResult | null;
  createdAt: string;
  updatedAt: string;
  /** Approval deadline (ISO), when approvals are required. */
  expiresAt: string | null;
}
