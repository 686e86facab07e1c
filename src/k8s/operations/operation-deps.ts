import type { Logger } from 'pino';
import type { CommandName } from '../../core/invocation.js';
import type { Operation, OperationContext } from '../../core/operation.js';
import type { ClusterClients, ClusterRegistry } from '../client/cluster-registry.js';
import type { RetryOptions } from '../client/retry.js';
import type { Sanitizer } from '../objects/sanitize.js';

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
  /** Every diff and rendered object goes through it (env values masked unless `debug.showEnv` names them). */
  sanitizer: Sanitizer;
}

export type Ctx = Pick<OperationContext, 'invocation' | 'scope'>;

export function clientsOf(deps: OperationDeps, ctx: Ctx): ClusterClients {
  return deps.registry.clients(ctx.scope.cluster);
}

/** withRetry's options from the configured timing, cancelled with the request. */
export function retryOptions(deps: OperationDeps, ctx: Pick<OperationContext, 'signal'>): RetryOptions {
  return { retries: deps.timing.retries, baseMs: deps.timing.retryBaseMs, signal: ctx.signal };
}

/**
 * An Operation as k8s/ writes it: whether the command mutates is declared once, by the command
 * spec, and stamped on by createOperations / createScanOperations.
 */
export type OperationBody = Omit<Operation, 'mutates'>;

/** The command spec's answer to "does this command change things?" (commands/registry isMutating). */
export type MutatesOf = (command: CommandName) => boolean;

export function withMutates(body: OperationBody, mutatesOf: MutatesOf): Operation {
  return { ...body, mutates: mutatesOf(body.command) };
}
