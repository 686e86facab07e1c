import type { Logger } from 'pino';
import { InvalidError } from '../../core/errors.js';
import type { Operation, OperationContext, WorkloadRef } from '../../core/operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import type { ClusterClients, ClusterRegistry } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import type { RetryOptions } from '../client/retry.js';

/** Waits and polls, configurable so tests and benches run fast. Defaults are kubectl's. */
export interface OperationTiming {
  /** Retry after an eviction refused by a PDB (429). kubectl: 5 s. */
  evictionRetryMs: number;
  /** Poll for an evicted pod's deletion. kubectl: 1 s. */
  deletionPollMs: number;
  /** Crash-loop probe during upgrades. */
  probeIntervalMs: number;
  /** Backoff base for 5xx/timeouts. */
  retryBaseMs: number;
  /** Extra attempts for conflicts and transient errors. */
  retries: number;
}

export const DEFAULT_TIMING: OperationTiming = {
  evictionRetryMs: 5_000,
  deletionPollMs: 1_000,
  probeIntervalMs: 2_000,
  retryBaseMs: 500,
  retries: 4,
};

export interface OperationDeps {
  registry: ClusterRegistry;
  logger: Logger;
  timing: OperationTiming;
}

export type Ctx = Pick<OperationContext, 'invocation' | 'scope'>;

export function requireWorkload(ctx: Ctx): WorkloadRef & { namespace: string } {
  const w = ctx.scope.workload;
  if (!w) throw new InvalidError(`this command needs an app; environment ${ctx.scope.env} names none`);
  return { ...w, namespace: ctx.scope.namespace };
}

export function workloadTarget(ctx: Ctx): TargetRef {
  const w = requireWorkload(ctx);
  return { cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: w.kind, name: w.name };
}

export function clientsOf(deps: OperationDeps, ctx: Ctx): ClusterClients {
  return deps.registry.clients(ctx.scope.cluster);
}

/** withRetry's options from the configured timing, cancelled with the request. */
export function retryOptions(deps: OperationDeps, ctx: Pick<OperationContext, 'signal'>): RetryOptions {
  return { retries: deps.timing.retries, baseMs: deps.timing.retryBaseMs, signal: ctx.signal };
}

/** uid + generation + revision: status-only updates (pods becoming ready) must not void an approval. */
export function workloadFingerprint(obj: KObject, revision: number | string): string {
  return `${obj.metadata?.uid ?? ''}/g${obj.metadata?.generation ?? 0}/r${revision}`;
}

/** Progress is best effort: a Slack hiccup must never fail cluster work. */
export async function report(ctx: OperationContext, kind: 'step' | 'status', text: string): Promise<void> {
  try {
    await ctx.progress({ kind, text });
  } catch (err) {
    ctx.logger.warn({ err }, 'progress sink failed');
  }
}

function skippedDryRun(): Plan['dryRun'] {
  return { performed: false, ok: true, warnings: [] };
}

export function readOnlyPlan(target: TargetRef, summary: string): Plan {
  return { target, summary, diff: '', dryRun: skippedDryRun(), fingerprint: '', noop: false, facts: {} };
}

/** A read-only operation: its plan is only a summary, and with nothing to approve it has no fingerprint. */
export function readOnlyOperation(parts: Pick<Operation, 'command' | 'target' | 'execute'> & { summary(ctx: OperationContext): string }): Operation {
  return {
    command: parts.command,
    mutates: false,
    target: parts.target,
    plan: async (ctx) => readOnlyPlan(parts.target(ctx), parts.summary(ctx)),
    fingerprint: async () => '',
    execute: parts.execute,
  };
}

export function result(
  outcome: OperationResult['outcome'],
  summary: string,
  parts: Partial<Pick<OperationResult, 'sections' | 'files' | 'facts'>> = {},
): OperationResult {
  return { outcome, summary, sections: parts.sections ?? [], files: parts.files ?? [], facts: parts.facts ?? {} };
}

/** A dry-run outcome for the plan: a refused dry run is shown on the card, not thrown. */
export async function dryRun(fn: (warnings: string[]) => Promise<unknown>): Promise<Plan['dryRun']> {
  const warnings: string[] = [];
  try {
    await fn(warnings);
    return { performed: true, ok: true, warnings };
  } catch (err) {
    const message = err instanceof Error && 'userMessage' in err ? String(err.userMessage) : 'dry run failed';
    return { performed: true, ok: false, message, warnings };
  }
}

/** A plan that changes nothing sends nothing, not even a dry run. */
export async function dryRunUnlessNoop(noop: boolean, fn: (warnings: string[]) => Promise<unknown>): Promise<Plan['dryRun']> {
  return noop ? skippedDryRun() : dryRun(fn);
}

export function wl(w: WorkloadRef): string {
  return `${w.kind.toLowerCase()}/${w.name}`;
}
