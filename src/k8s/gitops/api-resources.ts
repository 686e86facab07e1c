import type { ClusterClients } from '../client/cluster-registry.js';
import { kubeCall } from '../client/kube-call.js';
import { NotFoundError } from '../../core/errors.js';

/** Where a kind is served: its REST collection name and whether it lives in a namespace. */
export interface ApiResource {
  plural: string;
  namespaced: boolean;
}

export interface ResourceMapper {
  /** undefined when the cluster does not serve that kind at that apiVersion. */
  lookup(apiVersion: string, kind: string): Promise<ApiResource | undefined>;
}

interface ResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/**
 * Discovery, one group-version at a time (`/api/v1`, `/apis/<group>/<version>`), cached for the
 * mapper's life: one diff asks for a handful of kinds and may meet a CRD that was added a minute ago.
 */
export function createResourceMapper(clients: ClusterClients, signal?: AbortSignal): ResourceMapper {
  const cache = new Map<string, Promise<ResourceList | undefined>>();
  const list = (apiVersion: string): Promise<ResourceList | undefined> => {
    let hit = cache.get(apiVersion);
    if (!hit) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      hit = kubeCall<ResourceList>(clients, { method: 'GET', path, ...(signal ? { signal } : {}) }).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      cache.set(apiVersion, hit);
    }
    return hit;
  };
  return {
    async lookup(apiVersion, kind) {
      if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return undefined;
      const found = (await list(apiVersion))?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
      return found ? { plural: found.name, namespaced: found.namespaced } : undefined;
    },
  };
}

/** The REST path of one object (or, without a name, its collection). */
export function objectPath(apiVersion: string, res: ApiResource, namespace: string | undefined, name?: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = res.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? '')}` : '';
  return `${base}${ns}/${res.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}
