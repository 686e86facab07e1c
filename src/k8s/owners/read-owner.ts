import { NotFoundError } from '../../core/errors.js';
import type { Owner } from '../../core/owner.js';
import type { WorkloadRef } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { getWorkload, listAll } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { latestRevision, readReleaseHistory } from '../helm/release-reader.js';
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
  const latest = latestRevision(await readReleaseHistory(clients, owner.namespace, owner.release, signal));
  if (!latest) return owner;
  return { ...owner, revision: latest.version, chart: latest.chart, appVersion: latest.appVersion, status: latest.status };
}

/** Detects the workload's owner (reconciled with the config pin), briefly cached per workload. */
export async function readOwner(cache: OwnerCache, q: OwnerLookup): Promise<Owner> {
  const w = q.workload;
  const key = `${q.clients.cluster}/${w.namespace}/${w.kind}/${w.name}`;
  const hit = q.fresh ? undefined : cache.get(key);
  if (hit) return hit;
  const [obj, rollouts] = await Promise.all([getWorkload(q.clients, w, w.namespace, q.signal), w.kind === 'Deployment' ? rolloutsIn(q.clients, w.namespace, q.signal) : []]);
  const owner = await withRelease(q.clients, reconcilePin(q.app, q.pin, detectOwner(obj, rollouts), w.namespace), q.signal);
  cache.set(key, owner);
  return owner;
}
