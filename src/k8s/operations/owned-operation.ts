import { NotFoundError, ShipmateError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import { describeOwner, type ImperativeVerdict, type Owner, type OwnerPin, type OwningKind } from '../../core/owner.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { OwnerCache } from '../owners/owner-cache.js';
import { readOwner } from '../owners/read-owner.js';
import { clientsOf, type OperationBody, type OperationDeps } from './operation-deps.js';
import { routeCommand, type Route, type Strategy } from './owner-routing.js';

/** What owner-aware planning needs besides the cluster: the cache, the config pins and the policy verdict. */
export interface OwnerDeps {
  cache: OwnerCache;
  /** `apps.<app>.owner` from config. */
  pinOf(app: string): OwnerPin | undefined;
  /** `policies.<p>.imperativeOnOwned` of the environment's policy. */
  imperativeOnOwned(env: string, owner: OwningKind): ImperativeVerdict;
}

/** An owner's way of carrying out one command (today: Helm's rollback and upgrade). */
export interface OwnedStrategy {
  plan(ctx: OperationContext, owner: Owner): Promise<Plan>;
  fingerprint(ctx: OperationContext, owner: Owner): Promise<string>;
  execute(ctx: OperationContext, owner: Owner): Promise<OperationResult>;
}

export async function ownerOfScope(deps: OperationDeps, owners: OwnerDeps, ctx: OperationContext, fresh = false): Promise<Owner> {
  const { workload, app } = ctx.scope;
  if (!workload || !app) return { kind: 'none' };
  try {
    return await readOwner(owners.cache, {
      clients: clientsOf(deps, ctx),
      workload: { ...workload, namespace: ctx.scope.namespace },
      app,
      pin: owners.pinOf(app),
      signal: ctx.signal,
      fresh,
    });
  } catch (err) {
    // A workload that does not exist has no owner: the command's own plan checks its input first and
    // then says what is missing, as it did before owners existed.
    if (err instanceof NotFoundError) return { kind: 'none' };
    throw err;
  }
}

/** Policy's answer for an imperative change on an owned workload: throws on refuse, returns the warning on warn. */
function decide(owners: OwnerDeps, ctx: OperationContext, owner: Owner, route: Route): string | undefined {
  if (route.unsafe === undefined || owner.kind === 'none') return undefined;
  const verdict = owners.imperativeOnOwned(ctx.scope.env, owner.kind);
  if (verdict === 'allow') return undefined;
  if (verdict === 'warn') return route.unsafe;
  throw new ShipmateError(
    'policy_denied',
    `refused: ${route.unsafe}. The policy of environment ${ctx.scope.env} refuses imperative changes to ${owner.kind}-owned workloads ` +
      `(policies.<policy>.imperativeOnOwned.${owner.kind}: refuse); change it through its owner, or have an admin set warn or allow`,
  );
}

function ownerKey(owner: Owner): string {
  return owner.kind === 'helm' ? `helm:${owner.namespace}/${owner.release}` : owner.kind === 'none' ? 'none' : `${owner.kind}:${JSON.stringify(owner)}`;
}

/**
 * Wraps a workload command so its owner's strategy plans and executes it (the routing rule in
 * owner-routing.ts), falling back to the imperative body under the policy's verdict. The owner is
 * part of the fingerprint: an approval given for a plain workload does not carry over to an owned one.
 */
export function ownerRouted(deps: OperationDeps, owners: OwnerDeps, plain: OperationBody, strategies: Partial<Record<Strategy, OwnedStrategy>>): OperationBody {
  const pick = (owner: Owner): { strategy?: OwnedStrategy; route: Route } => {
    const route = routeCommand(owner, plain.command);
    const strategy = strategies[route.strategy];
    if (strategy) return { strategy, route };
    // A strategy the routing rule names but this build lacks must not turn into an unflagged imperative change.
    return { route: route.strategy === 'plain' ? route : { strategy: 'plain', unsafe: `${describeOwner(owner)} owns this workload and its ${route.strategy} strategy is not available` } };
  };
  return {
    ...plain,
    async plan(ctx) {
      const owner = await ownerOfScope(deps, owners, ctx);
      const { strategy, route } = pick(owner);
      if (strategy) return { ...(await strategy.plan(ctx, owner)), owner };
      const warning = decide(owners, ctx, owner, route);
      const plan = await plain.plan(ctx);
      return { ...plan, fingerprint: `${ownerKey(owner)}|${plan.fingerprint}`, owner, ...(warning ? { ownerWarning: warning } : {}) };
    },
    async fingerprint(ctx) {
      const owner = await ownerOfScope(deps, owners, ctx, true);
      const { strategy } = pick(owner);
      return strategy ? strategy.fingerprint(ctx, owner) : `${ownerKey(owner)}|${await plain.fingerprint(ctx)}`;
    },
    async execute(ctx, plan) {
      // Workers re-check before acting: the owner or the policy may have changed since approval.
      const owner = await ownerOfScope(deps, owners, ctx, true);
      const { strategy, route } = pick(owner);
      if (strategy) return strategy.execute(ctx, owner);
      decide(owners, ctx, owner, route);
      return plain.execute(ctx, plan);
    },
    // An interrupted change on an owned app says where its owner stands too (e.g. the Helm revision now current).
    async describeCurrentState(ctx) {
      const [state, owner] = await Promise.all([plain.describeCurrentState?.(ctx), ownerOfScope(deps, owners, ctx, true)]);
      return owner.kind === 'none' ? (state ?? '') : `${describeOwner(owner)}; ${state ?? ''}`;
    },
  };
}
