import type { SimCluster } from '../../devkit/kube-sim/index.js';

export interface ClusterWrite {
  method: string;
  path: string;
  /** The `shipmate.dev/request-id` annotation the write sets, if any. */
  requestId: string | undefined;
}

/**
 * Writes to the cluster (not GETs, not dry runs) whose path names `name`: what exactly-once tests
 * count. A scale is two writes, the scale-subresource PATCH and the PATCH of its provenance.
 */
export function clusterWrites(cluster: SimCluster, name: string): ClusterWrite[] {
  return cluster.requests
    .filter((r) => r.method !== 'GET' && r.path.includes(name) && !('dryRun' in r.query))
    .map((r) => ({ method: r.method, path: r.path, requestId: requestIdIn(r.body) }));
}

/** A scale-subresource PATCH of `name` (any workload kind). */
export const isScalePatch = (w: ClusterWrite, name: string): boolean => w.method === 'PATCH' && new RegExp(`/${name}/scale$`).test(w.path);

function requestIdIn(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { metadata?: { annotations?: Record<string, unknown> } } | unknown[];
    // kubectl's rollback is a JSON patch that replaces the whole annotation map.
    const annotations = Array.isArray(parsed)
      ? (parsed.find((op) => (op as { path?: string }).path === '/metadata/annotations') as { value?: Record<string, unknown> } | undefined)?.value
      : parsed.metadata?.annotations;
    const id = annotations?.['shipmate.dev/request-id'];
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
