import type { CommandName } from '../core/invocation.js';
import type { OperationLimits } from '../core/operation.js';
import type { ImperativeVerdict, OwningKind } from '../core/owner.js';

/** Why policy said no. `message` is the user's answer; `rule` names the rule for the audit record. */
export interface Denial {
  rule: string;
  /** Plain text (no Slack markup): the user's answer and the audit record's detail. */
  message: string;
  /** The channel id the request belongs in, for a view to link to. */
  channel?: string;
}

export interface Caller {
  /** Slack user id (U…/W…). */
  user: string;
  /** The caller's user-group ids (S…) among those `groupsToResolve` named. */
  userGroups: ReadonlySet<string>;
}

export interface RunContext extends Caller {
  env: string;
  command: CommandName;
  /** The channel the request came from. */
  channel: string;
  /** The replica count a `scale` asks for, checked against the policy's `scale` bounds. */
  replicas?: number;
}

export interface ApproveContext extends Caller {
  env: string;
  command: CommandName;
  requester: string;
  /** User ids that already approved this request. */
  approvals: readonly string[];
}

/** Who may run and approve what where (DESIGN.md §2 policies). Pure: no I/O, no clock. */
export interface Policy {
  /** Channel restriction, then the run list (per-command override first). null = allowed. */
  checkRun(ctx: RunContext): Denial | null;
  /** Like checkRun without the channel rule: "could this caller run it in that env at all" (help). */
  checkRunner(ctx: Omit<RunContext, 'channel'>): Denial | null;
  /** Approve list, never the requester, never the same approver twice. null = this approval counts. */
  checkApprove(ctx: ApproveContext): Denial | null;
  /** Distinct approvals needed before the request runs; 0 = runs at once. */
  approvalsRequired(env: string, command: CommandName, mutates: boolean): number;
  approvalTtlMs(env: string, command: CommandName): number;
  limits(env: string): OperationLimits;
  /** User-group ids (S…) this env's policy mentions, so the caller can resolve memberships first. */
  groupsToResolve(env: string): string[];
  /** Who may approve `command` in `env` (ids as configured), for cards and help. */
  approversOf(env: string, command: CommandName): readonly string[];
  /** Whether an imperative change may touch a workload owned by `owner` in `env` (refuse / warn / allow). */
  imperativeOnOwned(env: string, owner: OwningKind): ImperativeVerdict;
}

/**
 * The slice of ShipmateConfig policy reads, declared here because the layer rules keep policy/ from
 * importing config/ (even types). ShipmateConfig satisfies it structurally.
 */
export interface PolicyRules {
  run: readonly string[];
  approve: readonly string[];
  approvals: number;
  approvalTtlMs: number;
  readOnlyWithoutApproval: boolean;
  commands: Partial<Record<string, { approvals?: number; run?: readonly string[]; approve?: readonly string[] }>>;
  scale: { min: number; max: number };
  rolloutTimeoutMs: number;
  drainTimeoutMs: number;
  /** Per owner kind; missing kinds take IMPERATIVE_DEFAULTS. */
  imperativeOnOwned?: Partial<Record<OwningKind, ImperativeVerdict>>;
}

export interface PolicySource {
  environments: Record<string, { policy: string; channel?: string }>;
  policies: Record<string, PolicyRules>;
}
