import type { ClusterClients } from '../client/cluster-registry.js';
import { listAll } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { releaseFromConfigMap, releaseFromSecret, type HelmRelease } from './release-record.js';

/** Where Helm keeps its records (HELM_DRIVER): secrets by default, configmaps optionally. */
export type ReleaseStorage = 'secrets' | 'configmaps';

export interface ReleaseHistory {
  release: string;
  namespace: string;
  storage: ReleaseStorage;
  /** Oldest first, as `helm history` lists them. */
  revisions: HelmRelease[];
}

const selector = (release: string): string => `owner=helm,name=${release}`;

async function fromStorage(clients: ClusterClients, storage: ReleaseStorage, namespace: string, release: string, signal?: AbortSignal): Promise<HelmRelease[]> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${storage}`;
  const items = await listAll<KObject>(clients, path, { labelSelector: selector(release) }, signal);
  const decode = storage === 'secrets' ? releaseFromSecret : releaseFromConfigMap;
  return items.flatMap((item) => {
    try {
      return decode(item) ?? [];
    } catch {
      // A record that does not decode is not Helm's; it must not hide the others.
      return [];
    }
  });
}

/**
 * Every stored revision of a release, read the way Helm's storage driver lists them (LIST by labels
 * owner=helm,name=<release>), from Secrets, else from ConfigMaps. Empty when the release is unknown.
 */
export async function readReleaseHistory(clients: ClusterClients, namespace: string, release: string, signal?: AbortSignal): Promise<ReleaseHistory> {
  let storage: ReleaseStorage = 'secrets';
  let revisions = await fromStorage(clients, storage, namespace, release, signal);
  if (revisions.length === 0) {
    storage = 'configmaps';
    revisions = await fromStorage(clients, storage, namespace, release, signal);
  }
  revisions.sort((a, b) => a.version - b.version);
  return { release, namespace, storage, revisions };
}

/** The revision Helm acts on: the newest one (what `helm status` shows), undefined when there is none. */
export function latestRevision(history: ReleaseHistory): HelmRelease | undefined {
  return history.revisions[history.revisions.length - 1];
}

/** The newest `deployed` revision (what `helm rollback` without a number steps back from). */
export function deployedRevision(history: ReleaseHistory): HelmRelease | undefined {
  return [...history.revisions].reverse().find((r) => r.status === 'deployed');
}

/** Statuses that mean an operation on the release never finished (Helm refuses a new one). */
export function isPending(status: string): boolean {
  return status.startsWith('pending-');
}
