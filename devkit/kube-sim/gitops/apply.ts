import type { ClusterApi } from '../api.js';
import type { ResourceType } from '../resources.js';
import { splitApiVersion } from '../resources.js';
import type { KubeObject } from '../types.js';
import { clone, deepEqual, isObj } from '../types.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(obj: KubeObject): ResourceRef {
  const { group, version } = splitApiVersion(obj.apiVersion);
  return { group, version, kind: obj.kind, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata.name };
}

export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `deployment.apps/argo-api`, as kubectl prints an object. */
export function kubectlName(ref: ResourceRef): string {
  return `${ref.kind.toLowerCase()}${ref.group ? `.${ref.group}` : ''}/${ref.name}`;
}

export function typeOfRef(api: ClusterApi, ref: ResourceRef): ResourceType {
  return api.typeByKind(ref.group ? `${ref.group}/${ref.version}` : ref.version, ref.kind);
}

export function liveOf(api: ClusterApi, ref: ResourceRef): KubeObject | undefined {
  const type = api.registry.byKind(ref.group ? `${ref.group}/${ref.version}` : ref.version, ref.kind);
  return type ? api.store.get(type, ref.namespace, ref.name) : undefined;
}

/** Add labels/annotations and a namespace (for namespaced kinds) to rendered objects. */
export function decorate(
  api: ClusterApi,
  objects: KubeObject[],
  opts: { defaultNamespace?: string; forceNamespace?: string; labels?: (o: KubeObject) => Record<string, string>; annotations?: (o: KubeObject) => Record<string, string> },
): KubeObject[] {
  return objects.map((input) => {
    const obj = clone(input);
    const type = api.registry.byKind(obj.apiVersion, obj.kind);
    if (type?.namespaced) obj.metadata.namespace = opts.forceNamespace ?? obj.metadata.namespace ?? opts.defaultNamespace ?? 'default';
    else if (type) delete obj.metadata.namespace;
    const labels = opts.labels?.(obj);
    if (labels) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...labels };
    const annotations = opts.annotations?.(obj);
    if (annotations) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), ...annotations };
    return obj;
  });
}

/** A client-side three-way merge (kubectl apply): desired wins, fields dropped since the last apply go. */
function merge(live: unknown, last: unknown, desired: unknown): unknown {
  if (!isObj(desired) || !isObj(live)) return clone(desired);
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(desired)) out[k] = merge(live[k], isObj(last) ? last[k] : undefined, v);
  if (isObj(last)) for (const k of Object.keys(last)) if (!(k in desired)) delete out[k];
  return out;
}

function lastApplied(obj: KubeObject): unknown {
  const text = obj.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type ApplyAction = 'created' | 'configured' | 'unchanged';

/** Apply one object as `kubectl apply` does; throws the API's error (unknown kind, invalid, missing namespace). */
export function applyObject(api: ClusterApi, desired: KubeObject): ApplyAction {
  const type = api.typeOf(desired);
  const obj = clone(desired);
  const { [LAST_APPLIED]: _drop, ...annotations } = obj.metadata.annotations ?? {};
  obj.metadata.annotations = { ...annotations, [LAST_APPLIED]: JSON.stringify({ ...desired, metadata: { ...desired.metadata, annotations } }) };
  const live = api.store.get(type, obj.metadata.namespace, obj.metadata.name);
  if (!live) {
    api.create(type, obj);
    return 'created';
  }
  const merged = merge(live, lastApplied(live), obj) as KubeObject;
  const updated = api.update(type, merged);
  return updated.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured';
}

/** Whether every field the manifest sets has that value live (defaults and status are ignored). */
export function matches(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) return Array.isArray(live) && live.length === desired.length && desired.every((d, i) => matches(d, live[i]));
  if (isObj(desired)) return isObj(live) && Object.entries(desired).every(([k, v]) => v === null || v === undefined || matches(v, live[k]));
  if (typeof desired === 'number' || typeof live === 'number') return String(desired) === String(live);
  return deepEqual(desired, live);
}

/** Compare one rendered object with the cluster: Synced when it exists and every declared field matches. */
export function inSync(api: ClusterApi, desired: KubeObject): boolean {
  const live = liveOf(api, refOf(desired));
  if (!live) return false;
  const { [LAST_APPLIED]: _drop, ...annotations } = desired.metadata.annotations ?? {};
  const { metadata: _m, status: _s, ...body } = desired;
  return matches({ labels: desired.metadata.labels ?? {}, annotations, ...body }, { labels: live.metadata.labels ?? {}, annotations: live.metadata.annotations ?? {}, ...live });
}

export function deleteRef(api: ClusterApi, ref: ResourceRef): boolean {
  const type = api.registry.byKind(ref.group ? `${ref.group}/${ref.version}` : ref.version, ref.kind);
  if (!type || !api.store.get(type, ref.namespace, ref.name)) return false;
  api.delete(type, ref.namespace, ref.name);
  return true;
}

/** Apply order: namespaces and cluster-wide config first, workloads last (Argo CD's kind order, roughly). */
export function applyOrder(objects: KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject): number =>
    ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service'].indexOf(o.kind) + 1 || 99;
  return [...objects].sort((a, b) => rank(a) - rank(b));
}
