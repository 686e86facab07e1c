import { ShipmateError } from '../../core/errors.js';
import type { CommandName } from '../../core/invocation.js';
import type { OperationBody } from './operation-deps.js';
import type { OwnedStrategy } from './owned-operation.js';

/**
 * Imports code on first use and keeps what it built. Helm, GitOps and Git-change code is loaded
 * this way: an idle bot, and one that never meets such an app, does not hold it. A failed import
 * says which code it was and is tried again on the next call.
 */
export function loadOnce<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw new ShipmateError('internal', `Shipmate could not load its ${what} code`, {
        cause: err,
        detail: `loading the ${what} code failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    });
    return loading;
  };
}

/** An owner strategy whose module is imported when the first workload of that owner is planned. */
export function lazyStrategy(what: string, load: () => Promise<OwnedStrategy>): OwnedStrategy {
  const strategy = loadOnce(what, load);
  return {
    plan: async (ctx, owner) => (await strategy()).plan(ctx, owner),
    fingerprint: async (ctx, owner) => (await strategy()).fingerprint(ctx, owner),
    execute: async (ctx, owner) => (await strategy()).execute(ctx, owner),
  };
}

/**
 * An operation whose module is imported on its first plan. The pipeline asks for the lock target
 * before any plan, so `target` is passed in: it must be the loaded body's own (a unit test holds
 * each lazy GitOps command to it). Without a describeCurrentState of its own the loaded body
 * describes nothing (''), as routed Git-change operations already do.
 */
export function lazyBody(command: CommandName, target: OperationBody['target'], what: string, load: () => Promise<OperationBody>): OperationBody {
  const body = loadOnce(what, load);
  return {
    command,
    target,
    plan: async (ctx) => (await body()).plan(ctx),
    fingerprint: async (ctx, approved) => (await body()).fingerprint(ctx, approved),
    execute: async (ctx, plan) => (await body()).execute(ctx, plan),
    describeCurrentState: async (ctx) => (await body()).describeCurrentState?.(ctx) ?? '',
  };
}
