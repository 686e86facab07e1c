/** The object a request acts on. `namespace` is '' for cluster-scoped objects (nodes). */
export interface TargetRef {
  cluster: string;
  namespace: string;
  /** Kubernetes kind, e.g. Deployment, StatefulSet, DaemonSet, Node, Pod, Namespace. */
  kind: string;
  name: string;
}

/** The key of the per-target mutex: one mutation per (cluster, namespace, kind, name). */
export function targetKey(t: TargetRef): string {
  return `${t.cluster}/${t.namespace || '-'}/${t.kind.toLowerCase()}/${t.name}`;
}

/** Human form for cards and messages, e.g. `deployment/api-service in prod-eu/shop`. */
export function describeTarget(t: TargetRef): string {
  const where = t.namespace ? `${t.cluster}/${t.namespace}` : t.cluster;
  return `${t.kind.toLowerCase()}/${t.name} in ${where}`;
}
