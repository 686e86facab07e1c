import { CancelledError, ShipmateError } from '../../core/errors.js';
import type { Operation, OperationContext } from '../../core/operation.js';
import type { OperationResult, ResultSection } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { readOwnedScope, type GitOpsDeps } from './gitops-scope.js';

const HISTORY_SHOWN = 10;

// The Argo CD and Flux readers below are imported once an app turns out to have a GitOps owner:
// status and history of every other app never load them.

/** The owner's own history: what Git revision was deployed when, and who started it. */
export async function ownerHistorySection(clients: ClusterClients, owner: GitOpsOwner, signal: AbortSignal): Promise<ResultSection> {
  const title = `Deployments by ${describeOwner(owner)}`;
  if (owner.tool === 'argocd') {
    const [{ getApplication }, { initiatorText }] = await Promise.all([import('../gitops/argocd-operation.js'), import('../gitops/argocd-application.js')]);
    const history = (await getApplication(clients, owner, signal)).status?.history ?? [];
    const items = history.slice(-HISTORY_SHOWN).reverse().map((h) => ({
      mark: 'note' as const,
      text: `#${h.id} commit ${h.revision} deployed ${h.deployedAt ?? '?'} by ${initiatorText(h.initiatedBy)}${h.source?.path ? ` (path ${h.source.path})` : ''}`,
    }));
    return { title, text: items.length ? 'newest first; rollback --to N takes the id' : 'no history yet', items };
  }
  const { getFlux } = await import('../gitops/flux-object.js');
  const history = (await getFlux(clients, owner, signal)).status?.history ?? [];
  const items = history.slice(0, HISTORY_SHOWN).map((h) => {
    const meta = (h['metadata'] ?? {}) as { revision?: unknown };
    return { mark: 'note' as const, text: `commit ${String(meta.revision ?? '?')} last reconciled ${String(h['lastReconciled'] ?? '?')} (${String(h['lastReconciledStatus'] ?? '?')}, ${String(h['totalReconciliations'] ?? '?')} reconciliations) by the Flux controller` };
  });
  return { title, text: items.length ? 'newest first' : 'no history yet', items };
}

function withSection(base: Operation, deps: GitOpsDeps, section: (clients: ClusterClients, owner: GitOpsOwner, ctx: OperationContext) => Promise<{ section: ResultSection; facts?: OperationResult['facts'] }>): Operation {
  return {
    ...base,
    async execute(ctx, plan) {
      const out = await base.execute(ctx, plan);
      const { clients, owner } = await readOwnedScope(deps, ctx);
      if (!owner) return out;
      // A read-only answer keeps what it has when the owner object cannot be read (deleted, RBAC): it says so.
      const extra: { section: ResultSection; facts?: OperationResult['facts'] } = await section(clients, owner, ctx).catch((err: unknown) => {
        if (!(err instanceof ShipmateError) || err instanceof CancelledError) throw err;
        return { section: { title: `Owner: ${describeOwner(owner)}`, text: `could not be read: ${err.userMessage}` } };
      });
      return { ...out, sections: [extra.section, ...out.sections], facts: { ...out.facts, ...extra.facts, gitopsOwner: describeOwner(owner) } };
    },
  };
}

/** `/k8s status` for a GitOps-owned app: what runs, plus the owner's sync/health/automation. */
export function gitopsStatus(deps: GitOpsDeps, base: Operation): Operation {
  return withSection(base, deps, async (clients, owner, ctx) => {
    const { gitopsStatusSection, readGitOpsStatus } = await import('../gitops/gitops-status.js');
    const status = await readGitOpsStatus(clients, owner, ctx.signal);
    return { section: gitopsStatusSection(status), facts: status.facts };
  });
}

/** `/k8s history` for a GitOps-owned app: the owner's deployments beside the ReplicaSets. */
export function gitopsHistory(deps: GitOpsDeps, base: Operation): Operation {
  return withSection(base, deps, async (clients, owner, ctx) => ({ section: await ownerHistorySection(clients, owner, ctx.signal) }));
}
