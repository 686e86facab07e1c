import { NotFoundError } from '../../core/errors.js';
import type { Owner } from '../../core/owner.js';
import type { WorkloadRef } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { getWorkload, listAll } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { detectOwner } from './detect-owner.js';
import type { OwnerCache } from './owner-cache.js';
import { reconcilePin, type OwnerPin } from './owner-pin.js';

export interface OwnerLookup {
  clients: ClusterClients;
  workload: WorkloadRef & { namespace: string };
  /** The config app name, for the pin's error message. */
  app: string;
  pin?: OwnerPin | undefined;
  signal?: AbortSignal;
  /** Skips the cache: workers re-read the owner before they act. */
  fresh?: boolean;
}

async function rolloutsIn(clients: ClusterClients, namespace: string, signal?: AbortSignal): Promise<KObject[]> {
  try {
    return await listAll<KObject>(clients, `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/rollouts`, {}, signal);
  } catch (err) {
    // No Argo Rollouts CRD on this cluster: nothing can reference the Deployment.
    if (err instanceof NotFoundError) return [];
    throw err;
  }
}

/** The Helm owner with its current revision, chart and status from the release's own records. */
async function withRelease(clients: ClusterClients, owner: Owner, signal?: AbortSignal): Promise<Owner> {
  if (owner.kind !== 'helm') return owner;
  // Helm's record reader is imported only once a Helm owner is found.
  const { latestRevision, readReleaseHistory } = await import('../helm/release-reader.js');
  const latest = latestRevision(await readReleaseHistory(clients, owner.namespace, owner.release, signal));
  if (!latest) return owner;
  return { ...owner, revision: latest.version, chart: latest.chart, appVersion: latest.appVersion, status: latest.status };
}

/**
 * Detects the workload's owner (reconciled with the config pin). Who owns it is cached briefly per
 * workload; a Helm owner's revision, chart and status are read fresh every time, since every Helm
 * change makes a new revision and a card must not show the one before.
 */
export async function readOwner(cache: OwnerCache, q: OwnerLookup): Promise<Owner> {
  const w = q.workload;
  const key = `${q.clients.cluster}/${w.namespace}/${w.kind}/${w.name}`;
  let owner = q.fresh ? undefined : cache.get(key);
  if (!owner) {
    const [obj, rollouts] = await Promise.all([getWorkload(q.clients, w, w.namespace, q.signal), w.kind === 'Deployment' ? rolloutsIn(q.clients, w.namespace, q.signal) : []]);
    owner = reconcilePin(q.app, q.pin, detectOwner(obj, rollouts), w.namespace);
    cache.set(key, owner);
  }
  return withRelease(q.clients, owner, q.signal);
}
