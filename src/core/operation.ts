import type { Logger } from 'pino';
import type { Invocation, CommandName } from './invocation.js';
import type { OperationResult, Plan, ProgressSink } from './plan.js';
import type { TargetRef } from './target.js';

/** A workload named by an app in config, e.g. `deployment/api-service`. */
export interface WorkloadRef {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
}

/** Where a request runs, resolved from config before any cluster I/O. */
export interface Scope {
  env: string;
  cluster: string;
  namespace: string;
  /** Set when the invocation names an app from config. */
  app?: string;
  workload?: WorkloadRef;
}

/** Limits that policy puts on an operation. */
export interface OperationLimits {
  /** How long a rollout watch may take before it counts as failed. */
  rolloutTimeoutMs: number;
  minReplicas: number;
  maxReplicas: number;
  /** Deadline for a whole drain. */
  drainTimeoutMs: number;
}

export interface OperationContext {
  invocation: Invocation;
  scope: Scope;
  limits: OperationLimits;
  /** Aborted when the request is cancelled (on whichever replica runs it) or on shutdown. */
  signal: AbortSignal;
  progress: ProgressSink;
  logger: Logger;
  requestId: string;
  requester: string;
  /** The requester's handle, for what is recorded on the objects; the id is used where it is absent. */
  requesterHandle?: string;
  /** Who approved: Slack user id, and the handle Slack sent with the click where known. */
  approvers?: readonly { id: string; handle?: string }[];
}

/**
 * One cluster operation behind a command. Implemented in k8s/, run by jobs/. `plan` and
 * `fingerprint` are read-only; only `execute` may change the cluster.
 */
export interface Operation {
  readonly command: CommandName;
  readonly mutates: boolean;
  /** The object the per-target lock guards. Pure: no I/O. */
  target(ctx: Pick<OperationContext, 'invocation' | 'scope'>): TargetRef;
  /** Diff, server dry run (where the API allows) and fingerprint. Read-only operations return a summary plan. */
  plan(ctx: OperationContext): Promise<Plan>;
  /**
   * The target's current fingerprint, compared with the approved plan's when the job starts. The
   * approved plan is passed so a change bound to more than one object (a Git branch head and a file)
   * can say which still binds it, or throw the reason it no longer does.
   */
  fingerprint(ctx: OperationContext, approved?: Plan): Promise<string>;
  /** Do it. Throws ShipmateError subclasses; returns a failed outcome for a change that ran but did not succeed. */
  execute(ctx: OperationContext, plan: Plan): Promise<OperationResult>;
  /** For `interrupted` messages: a short description of the target's current state. */
  describeCurrentState?(ctx: OperationContext): Promise<string>;
}

export type OperationRegistry = (command: CommandName) => Operation | undefined;
