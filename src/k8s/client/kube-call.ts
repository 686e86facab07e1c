import type { WorkloadRef } from '../../core/operation.js';
import { translateApiError } from './api-errors.js';
import type { ClusterClients } from './cluster-registry.js';
import type { KObject, ListResult } from '../objects/k8s-object.js';
import { DEFAULT_PAGE_SIZE, paginate } from './paginate.js';
import type { KubeRequest } from './raw-request.js';
import { requestInfo } from './request-info.js';

export const FIELD_MANAGER = 'shipmate';

/** A raw call whose failures come back as ShipmateErrors naming the verb and resource. */
export async function kubeCall<T = KObject>(clients: ClusterClients, req: KubeRequest): Promise<T> {
  try {
    return await clients.request<T>(req);
  } catch (err) {
    throw translateApiError(err, requestInfo(req.method, `${req.path}`));
  }
}

/** LIST following `continue` tokens (page size 500 like kubectl drain). */
export async function listAll<T = KObject>(
  clients: ClusterClients,
  path: string,
  query: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  const pages = paginate<T>((cont) =>
    kubeCall<ListResult<T>>(clients, {
      method: 'GET',
      path,
      query: { ...query, limit: DEFAULT_PAGE_SIZE, continue: cont },
      ...(signal ? { signal } : {}),
    }).then((page) => ({ items: page.items ?? [], metadata: page.metadata })),
  );
  for await (const page of pages) items.push(...page);
  return items;
}

const PLURAL: Record<WorkloadRef['kind'], string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export function workloadPath(kind: WorkloadRef['kind'], namespace: string, name?: string): string {
  const base = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/${PLURAL[kind]}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

export function podPath(namespace: string, name?: string): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

export function nodePath(name: string): string {
  return `/api/v1/nodes/${encodeURIComponent(name)}`;
}

export async function getWorkload(clients: ClusterClients, ref: WorkloadRef, namespace: string, signal?: AbortSignal): Promise<KObject> {
  const obj = await kubeCall(clients, { method: 'GET', path: workloadPath(ref.kind, namespace, ref.name), ...(signal ? { signal } : {}) });
  // Raw GETs of a single object may omit kind on some servers; the rules below branch on it.
  return { ...obj, kind: obj.kind ?? ref.kind };
}

/** `matchLabels` (+ simple `matchExpressions`) as a label selector string. */
export function selectorString(selector: unknown): string {
  const s = (selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
