import { PatchStrategy } from '@kubernetes/client-node';
import type { OperationContext } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { FIELD_MANAGER, kubeCall } from '../client/kube-call.js';
import type { Application } from '../gitops/argocd-application.js';
import { appPath, getApplication } from '../gitops/argocd-operation.js';
import { getFlux, readyOf, requestReconcile, sourceOf } from '../gitops/flux-object.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { pollUntil } from '../gitops/poll.js';
import { pollOptions, type GitOpsDeps } from './gitops-scope.js';
import { report } from './outcome.js';

/** Argo CD's hard-refresh-free refresh: the application controller re-reads Git at once. */
const ARGOCD_REFRESH = 'argocd.argoproj.io/refresh';

export type CommitOutcome = { state: 'healthy'; detail: string } | { state: 'degraded'; detail: string };

/** Asks the owner to pick up the new commit now instead of at its next poll. */
export async function askOwnerToSync(clients: ClusterClients, owner: GitOpsOwner, signal: AbortSignal): Promise<void> {
  if (owner.tool === 'argocd') {
    await kubeCall<Application>(clients, {
      method: 'PATCH', path: appPath(owner), query: { fieldManager: FIELD_MANAGER }, contentType: PatchStrategy.MergePatch, signal,
      body: { metadata: { annotations: { [ARGOCD_REFRESH]: 'normal' } } },
    });
    return;
  }
  const obj = await getFlux(clients, owner, signal);
  const source = sourceOf(obj, owner.kind);
  if (source) await requestReconcile(clients, source, signal);
  await requestReconcile(clients, owner, signal);
}

async function argoState(clients: ClusterClients, owner: GitOpsOwner, sha: string, signal: AbortSignal): Promise<CommitOutcome | undefined> {
  const app = await getApplication(clients, owner, signal);
  const s = app.status;
  if (s?.sync?.revision !== sha) return undefined;
  const health = s.health?.status;
  if (health === 'Degraded') return { state: 'degraded', detail: `revision ${sha.slice(0, 12)} is Degraded${s.health?.message ? `: ${s.health.message}` : ''}` };
  if (s.sync.status === 'Synced' && health === 'Healthy') return { state: 'healthy', detail: `Synced and Healthy at ${sha.slice(0, 12)}` };
  return undefined;
}

async function fluxState(clients: ClusterClients, owner: GitOpsOwner, sha: string, signal: AbortSignal): Promise<CommitOutcome | undefined> {
  if (owner.tool !== 'flux') return undefined;
  const obj = await getFlux(clients, owner, signal);
  const ready = readyOf(obj);
  const applied = obj.status?.lastAppliedRevision ?? '';
  const attempted = obj.status?.lastAttemptedRevision ?? '';
  if (ready?.status === 'True' && applied.endsWith(sha)) return { state: 'healthy', detail: `Ready at ${applied}` };
  if (ready?.status === 'False' && attempted.endsWith(sha)) return { state: 'degraded', detail: `Ready=False at ${attempted}: ${ready.reason ?? ''} ${ready.message ?? ''}`.trim() };
  return undefined;
}

/**
 * Watches the owner until it runs `sha`: Synced and Healthy (Argo CD) or Ready with that revision
 * applied (Flux) — or until that revision turns Degraded / Ready=False, which the caller reverts.
 */
export async function watchCommit(deps: GitOpsDeps, ctx: OperationContext, clients: ClusterClients, owner: GitOpsOwner, sha: string): Promise<CommitOutcome> {
  await askOwnerToSync(clients, owner, ctx.signal);
  await report(ctx, 'step', `asked ${describeOwner(owner)} to ${owner.tool === 'argocd' ? 'refresh' : 'reconcile'}; waiting for commit ${sha.slice(0, 12)}`);
  const read = owner.tool === 'argocd' ? argoState : fluxState;
  return pollUntil(() => read(clients, owner, sha, ctx.signal), pollOptions(deps, ctx, `${describeOwner(owner)} to run commit ${sha.slice(0, 12)}`));
}
