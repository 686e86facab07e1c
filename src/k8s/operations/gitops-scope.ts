import { createHash } from 'node:crypto';
import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { describeOwner, gitopsOwnerFrom, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { ownerOfScope, type OwnerDeps } from './owned-operation.js';
import type { Owner } from '../../core/owner.js';
import type { PollOptions } from '../gitops/poll.js';
import { clientsOf, type OperationDeps } from './operation-deps.js';
import type { FluxSourceDeps } from './flux-source-diff.js';
import { requireWorkload, wl } from './workload-scope.js';

/** GitOps waits: how often the owner is re-read. */
export interface GitOpsTiming {
  pollMs: number;
}

export interface GitOpsDeps extends OperationDeps {
  gitops: GitOpsTiming;
  /** The owners module's detection, cache and config pins. */
  owners: OwnerDeps;
  /**
   * `/k8s diff` for Flux: the configured repositories and kustomize, to dry-run the rendered source.
   * Absent: the diff says the source cannot be fetched and compares with what Flux last applied.
   */
  fluxSources?: FluxSourceDeps | undefined;
}

export interface OwnedScope {
  clients: ClusterClients;
  owner: GitOpsOwner | undefined;
  /** The owners module's Owner, for the card's owner line. */
  detected: Owner;
}

/** The app's GitOps owner, through the owners module (fresh: workers re-read before acting). */
export async function readOwnedScope(deps: GitOpsDeps, ctx: OperationContext): Promise<OwnedScope> {
  const owner = await ownerOfScope(deps, deps.owners, ctx, true);
  return { clients: clientsOf(deps, ctx), owner: gitopsOwnerFrom(owner), detected: owner };
}

/** For the GitOps commands: the owner, or a clear answer that there is none. */
export async function requireOwner(deps: GitOpsDeps, ctx: OperationContext): Promise<OwnedScope & { owner: GitOpsOwner }> {
  const scope = await readOwnedScope(deps, ctx);
  if (!scope.owner) {
    const w = requireWorkload(ctx);
    throw new InvalidError(
      `${wl(w)} in ${ctx.scope.env} has no GitOps owner (no Argo CD tracking id or instance label, no Flux name/namespace labels, no apps.${ctx.scope.app ?? '<app>'}.owner pin); ` +
        `/k8s ${ctx.invocation.command} drives an Argo CD Application or a Flux Kustomization/HelmRelease: use rollback, upgrade or restart for this app`,
    );
  }
  return scope as OwnedScope & { owner: GitOpsOwner };
}

export function pollOptions(deps: GitOpsDeps, ctx: OperationContext, what: string): PollOptions {
  return { intervalMs: deps.gitops.pollMs, timeoutMs: ctx.limits.rolloutTimeoutMs, signal: ctx.signal, what };
}

/** `shipmate:<requester>`: Argo CD shows it as the operation's initiator and in history. */
export function initiator(ctx: Pick<OperationContext, 'requester'>): string {
  return `shipmate:${ctx.requester}`;
}

/**
 * uid + a hash of the spec. Not the generation: an Application has no status subresource, so its
 * generation moves with every status write, which would void every approval.
 */
export function ownerFingerprint(owner: GitOpsOwner, obj: KObject): string {
  const spec = createHash('sha256').update(JSON.stringify(obj['spec'] ?? null)).digest('hex').slice(0, 16);
  return `${describeOwner(owner)}/${obj.metadata?.uid ?? ''}/${spec}`;
}

/**
 * The owner object's own lock (issue 13: one lock per Application / Flux object), held beside the
 * workload's: two requests that drive one Application never run at once, whatever workload named it.
 */
export function ownerLock(cluster: string, owner: GitOpsOwner): TargetRef {
  return { cluster, namespace: owner.namespace, kind: owner.kind, name: owner.name };
}

/** A plan that also holds its owner object's lock while the job runs. */
export function withOwnerLock(plan: Plan, cluster: string, owner: GitOpsOwner | undefined): Plan {
  return owner ? { ...plan, extraLocks: [...(plan.extraLocks ?? []), ownerLock(cluster, owner)] } : plan;
}
