import type { ClusterClients } from '../client/cluster-registry.js';
import { getApplication } from '../gitops/argocd-operation.js';
import { getFlux, readyOf } from '../gitops/flux-object.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';

export type HealthSince = { healthy: true; since: number; revision: string } | { healthy: false; why: string };

const later = (a: string | undefined, b: string | undefined): number => Math.max(Date.parse(a ?? '') || 0, Date.parse(b ?? '') || 0);

/**
 * Since when the owner has run its current revision healthy, from its own status: Argo CD's health
 * transition and the history entry that deployed the revision; Flux's Ready transition.
 */
export async function healthySince(clients: ClusterClients, owner: GitOpsOwner, signal: AbortSignal, samePin: (revision: string) => Promise<boolean>): Promise<HealthSince> {
  if (owner.tool === 'argocd') {
    const s = (await getApplication(clients, owner, signal)).status;
    const health = s?.health as { status?: string; lastTransitionTime?: string } | undefined;
    if (s?.sync?.status !== 'Synced' || health?.status !== 'Healthy') {
      return { healthy: false, why: `${describeOwner(owner)} is ${s?.sync?.status ?? 'Unknown'} and ${health?.status ?? 'Unknown'}` };
    }
    const revision = s.sync.revision ?? '';
    // Later commits to other paths are deployed too: the version has run since the oldest entry of
    // the newest run of deployments that all pin it.
    let deployed: string | undefined;
    for (const h of [...(s.history ?? [])].reverse()) {
      if (!h.revision || !(await samePin(h.revision))) break;
      deployed = h.deployedAt;
    }
    if (deployed === undefined) return { healthy: false, why: `${describeOwner(owner)} has no deployment of this version in its history` };
    return { healthy: true, since: later(deployed, health.lastTransitionTime), revision };
  }
  const obj = await getFlux(clients, owner, signal);
  const ready = readyOf(obj);
  if (ready?.status !== 'True') return { healthy: false, why: `${describeOwner(owner)} is not Ready (${ready?.reason ?? 'Unknown'})` };
  return { healthy: true, since: later(ready.lastTransitionTime, undefined), revision: obj.status?.lastAppliedRevision ?? '' };
}

/** `2h 5m`, `3m 20s`, `45s`: how long, for refusal messages. */
export function spanText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h) return `${h}h${m ? ` ${m}m` : ''}`;
  if (m) return `${m}m${r ? ` ${r}s` : ''}`;
  return `${r}s`;
}
