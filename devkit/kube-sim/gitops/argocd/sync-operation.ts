import type { ClusterApi } from '../../api.js';
import type { KubeObject } from '../../types.js';
import type { ResourceRef } from '../apply.js';
import { applyObject, applyOrder, deleteRef, kubectlName, refOf } from '../apply.js';
import type { ResourceResult } from './types.js';

function result(ref: ResourceRef, status: ResourceResult['status'], message: string): ResourceResult {
  return {
    group: ref.group,
    version: ref.version,
    kind: ref.kind,
    namespace: ref.namespace ?? '',
    name: ref.name,
    status,
    message,
    hookPhase: status === 'SyncFailed' ? 'Failed' : 'Running',
    syncPhase: 'Sync',
  };
}

function ensureNamespace(api: ClusterApi, name: string): void {
  const type = api.typeByKind('v1', 'Namespace');
  if (!api.store.get(type, undefined, name)) api.create(type, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
}

export interface SyncOutcome {
  resources: ResourceResult[];
  failed: string | undefined;
}

/**
 * The sync task run: apply every rendered object (kubectl apply semantics, messages as kubectl
 * prints them), then prune — or, without prune, report what would have been pruned.
 */
export function runSyncTasks(api: ClusterApi, objects: KubeObject[], extraneous: ResourceRef[], opts: { prune: boolean; createNamespace?: string }): SyncOutcome {
  const resources: ResourceResult[] = [];
  let failed: string | undefined;
  if (opts.createNamespace) ensureNamespace(api, opts.createNamespace);
  for (const obj of applyOrder(objects)) {
    const ref = refOf(obj);
    try {
      const action = applyObject(api, obj);
      resources.push(result(ref, 'Synced', `${kubectlName(ref)} ${action}`));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failed ??= message;
      resources.push(result(ref, 'SyncFailed', message));
    }
  }
  for (const ref of extraneous) {
    if (opts.prune) {
      deleteRef(api, ref);
      resources.push(result(ref, 'Pruned', 'pruned'));
    } else {
      resources.push(result(ref, 'PruneSkipped', 'ignored (requires pruning)'));
    }
  }
  return { resources, failed };
}
