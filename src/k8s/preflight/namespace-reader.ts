import { ForbiddenError, NotFoundError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { listAll } from '../client/kube-call.js';

/** A namespaced resource preflight lists: `/apis/apps/v1` + `deployments`, and the kind its items are. */
export interface ResourceSpec {
  groupVersion: string;
  plural: string;
  kind: string;
}

export interface Listed {
  items: KObject[];
  /** Why the list is empty without being so: a refused read (an API the cluster does not serve is simply empty). */
  problem?: string;
}

export interface NamespaceReader {
  namespace: string;
  list(resource: ResourceSpec): Promise<Listed>;
}

/**
 * Lists resources of one namespace once per preflight (two checks read deployments). Items get
 * their kind back, which list answers leave out. A 404 means the cluster does not serve that API
 * at all; a 403 is reported rather than failing the whole preflight.
 */
export function createNamespaceReader(clients: ClusterClients, namespace: string, signal: AbortSignal): NamespaceReader {
  const cache = new Map<string, Promise<Listed>>();
  const read = async (r: ResourceSpec): Promise<Listed> => {
    try {
      const items = await listAll(clients, `${r.groupVersion}/namespaces/${encodeURIComponent(namespace)}/${r.plural}`, {}, signal);
      return { items: items.map((o) => ({ ...o, kind: r.kind })) };
    } catch (err) {
      if (err instanceof NotFoundError) return { items: [] };
      if (err instanceof ForbiddenError) return { items: [], problem: `could not read ${r.plural}: ${err.userMessage}` };
      throw err;
    }
  };
  return {
    namespace,
    list(resource) {
      const key = `${resource.groupVersion}/${resource.plural}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = read(resource);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

export const DEPLOYMENTS: ResourceSpec = { groupVersion: '/apis/apps/v1', plural: 'deployments', kind: 'Deployment' };
export const STATEFULSETS: ResourceSpec = { groupVersion: '/apis/apps/v1', plural: 'statefulsets', kind: 'StatefulSet' };
export const PDBS: ResourceSpec = { groupVersion: '/apis/policy/v1', plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget' };

/** Where `kubectl apply` leaves its last-applied-configuration: the kinds whose old API versions were removed, plus services. */
export const LAST_APPLIED_SOURCES: readonly ResourceSpec[] = [
  DEPLOYMENTS,
  STATEFULSETS,
  { groupVersion: '/apis/apps/v1', plural: 'daemonsets', kind: 'DaemonSet' },
  { groupVersion: '/apis/batch/v1', plural: 'cronjobs', kind: 'CronJob' },
  { groupVersion: '/api/v1', plural: 'services', kind: 'Service' },
  { groupVersion: '/apis/networking.k8s.io/v1', plural: 'ingresses', kind: 'Ingress' },
  { groupVersion: '/apis/networking.k8s.io/v1', plural: 'networkpolicies', kind: 'NetworkPolicy' },
  PDBS,
  { groupVersion: '/apis/autoscaling/v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler' },
  { groupVersion: '/apis/rbac.authorization.k8s.io/v1', plural: 'roles', kind: 'Role' },
  { groupVersion: '/apis/rbac.authorization.k8s.io/v1', plural: 'rolebindings', kind: 'RoleBinding' },
];
