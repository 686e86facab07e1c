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

/**
 * Which operation carries out each command. Built once by k8s/ (createOperationRegistry) from its
 * layers: imperative commands and scans, the GitOps owner's commands over them, and changes
 * through Git over those; jobs/ only looks commands up.
 */
export interface OperationRegistry {
  /** The command's operation; `undefined` for a command nothing implements yet ("not available yet"). */
  get(command: CommandName): Operation | undefined;
  /** Every command that has an operation. */
  commands(): CommandName[];
}

/** A registry of exactly these operations, keyed by their own command. */
export function registryOf(operations: Iterable<Operation>): OperationRegistry {
  const byCommand = new Map<CommandName, Operation>();
  for (const op of operations) byCommand.set(op.command, op);
  return { get: (command) => byCommand.get(command), commands: () => [...byCommand.keys()] };
}

/** The operations a registry holds. */
export function operationsOf(registry: OperationRegistry): Operation[] {
  return registry.commands().flatMap((c) => registry.get(c) ?? []);
}

/** `base` with `over`'s operations in front: a command `over` has is its; the rest stay `base`'s. */
export function overlay(base: OperationRegistry, over: OperationRegistry | Iterable<Operation>): OperationRegistry {
  return registryOf([...operationsOf(base), ...('get' in over ? operationsOf(over) : over)]);
}
