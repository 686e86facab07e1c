import type { Obj } from '../types.js';
import { isObj } from '../types.js';

/**
 * Field paths as structured-merge-diff names them: `f:<field>` for struct and map members,
 * `k:{"name":"app"}` for an element of an associative list. Lists without a merge key are atomic
 * (owned as one leaf), as for a type without a schema.
 */
export type Token = { f: string } | { k: Obj };
export type FieldPath = Token[];

/** Merge keys of the associative lists of built-in kinds, by field name. */
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  ownerReferences: ['uid'],
};

/** Port lists key on the port number (containerPort for containers, port for Services). */
function keyFieldsOf(field: string, items: unknown[]): string[] | undefined {
  if (field === 'ports') {
    const first = items[0];
    if (isObj(first) && 'containerPort' in first) return ['containerPort', 'protocol'];
    if (isObj(first) && 'port' in first) return ['port', 'protocol'];
    return undefined;
  }
  return LIST_KEYS[field];
}

function keyOf(item: unknown, fields: string[]): Obj | undefined {
  if (!isObj(item)) return undefined;
  const key: Obj = {};
  for (const f of fields) {
    const v = item[f] ?? (f === 'protocol' ? 'TCP' : undefined);
    if (v === undefined) return undefined;
    key[f] = v;
  }
  return key;
}

/** Fields no manager owns: identity and server-set metadata, and the type header. */
const SKIP_ROOT = new Set(['apiVersion', 'kind', 'status']);
const SKIP_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

export interface Leaf {
  path: FieldPath;
  value: unknown;
}

function walk(value: unknown, path: FieldPath, out: Leaf[], field: string): void {
  if (Array.isArray(value)) {
    const keys = keyFieldsOf(field, value);
    const keyed = keys ? value.map((item) => keyOf(item, keys)) : [];
    if (!keys || keyed.some((k) => k === undefined)) {
      out.push({ path, value });
      return;
    }
    value.forEach((item, i) => walk(item, [...path, { k: keyed[i] as Obj }], out, ''));
    return;
  }
  if (isObj(value) && Object.keys(value).length > 0) {
    for (const [name, child] of Object.entries(value)) {
      if (path.length === 0 && SKIP_ROOT.has(name)) continue;
      if (path.length === 1 && 'f' in path[0]! && path[0].f === 'metadata' && SKIP_META.has(name)) continue;
      walk(child, [...path, { f: name }], out, name);
    }
    return;
  }
  if (path.length > 0) out.push({ path, value });
}

/** Every leaf field an object sets, with its value. */
export function leaves(obj: unknown): Leaf[] {
  const out: Leaf[] = [];
  walk(obj, [], out, '');
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, the notation of conflict messages. */
export function pathString(path: FieldPath): string {
  return path
    .map((t) => ('f' in t ? `.${t.f}` : `[${Object.entries(t.k).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`))
    .join('');
}

function tokenString(t: Token): string {
  return 'f' in t ? `f:${t.f}` : `k:${JSON.stringify(t.k)}`;
}

/** The `fieldsV1` tree of a set of leaf paths; list elements and non-root maps are marked with `.`. */
export function toFieldsV1(paths: FieldPath[]): Obj {
  const root: Obj = {};
  for (const path of paths) {
    let node = root;
    path.forEach((t, i) => {
      const key = tokenString(t);
      const child = (isObj(node[key]) ? node[key] : {}) as Obj;
      node[key] = child;
      const next = path[i + 1];
      if (next && ('k' in t || ('f' in next && isMapField(path, i)))) child['.'] = {};
      node = child;
    });
  }
  return root;
}

/** Maps whose keys are data (labels, annotations, …), which SMD marks as owned themselves. */
const DATA_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'data', 'stringData', 'binaryData', 'nodeSelector', 'selector', 'rollingUpdate', 'resources', 'limits', 'requests']);
function isMapField(path: FieldPath, i: number): boolean {
  const t = path[i];
  return t !== undefined && 'f' in t && DATA_MAPS.has(t.f);
}

/** Leaf paths of a `fieldsV1` tree (a node with no children but `.` is a leaf). */
export function fromFieldsV1(tree: unknown, prefix: FieldPath = []): FieldPath[] {
  if (!isObj(tree)) return [];
  const children = Object.keys(tree).filter((k) => k !== '.');
  if (children.length === 0) return prefix.length ? [prefix] : [];
  return children.flatMap((k) => {
    if (k.startsWith('f:')) return fromFieldsV1(tree[k], [...prefix, { f: k.slice(2) }]);
    if (!k.startsWith('k:')) return [];
    try {
      return fromFieldsV1(tree[k], [...prefix, { k: JSON.parse(k.slice(2)) as Obj }]);
    } catch {
      return [];
    }
  });
}
