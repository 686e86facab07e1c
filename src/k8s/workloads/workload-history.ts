import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { isControlledBy } from '../objects/k8s-object.js';
import { listAll, selectorString } from '../client/kube-call.js';
import { replicaSetRevision, type Revisioned } from './rollback-rules.js';

export interface HistoryEntry extends Revisioned<KObject> {
  template: PodTemplate;
}

/**
 * A workload's revision history as kubectl reads it: ReplicaSets for Deployments, ControllerRevisions
 * for StatefulSets and DaemonSets, listed by the workload's selector and kept only when the
 * workload is their controller.
 */
export async function workloadHistory(clients: ClusterClients, workload: KObject, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const ns = workload.metadata?.namespace ?? '';
  const uid = workload.metadata?.uid;
  const spec = (workload['spec'] ?? {}) as { selector?: unknown };
  const labelSelector = selectorString(spec.selector);
  if (workload.kind === 'Deployment') {
    const sets = await listAll(clients, `/apis/apps/v1/namespaces/${ns}/replicasets`, { labelSelector }, signal);
    return sets.flatMap((rs) => {
      const revision = replicaSetRevision(rs);
      if (!isControlledBy(rs, uid) || revision === undefined) return [];
      const template = ((rs['spec'] ?? {}) as { template?: PodTemplate }).template ?? {};
      return [{ revision, object: rs, template }];
    });
  }
  const revisions = await listAll(clients, `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, { labelSelector }, signal);
  return revisions.flatMap((cr) => {
    if (!isControlledBy(cr, uid)) return [];
    const data = (cr['data'] ?? {}) as { spec?: { template?: PodTemplate } };
    return [{ revision: typeof cr['revision'] === 'number' ? cr['revision'] : 0, object: cr, template: data.spec?.template ?? {} }];
  });
}

/** The revision the workload currently runs: the highest in its history. */
export function currentRevision(history: HistoryEntry[]): number {
  return history.reduce((max, h) => Math.max(max, h.revision), 0);
}

export function templateImages(template: PodTemplate | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '');
}
