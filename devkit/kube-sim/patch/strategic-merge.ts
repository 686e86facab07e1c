import { badRequest } from '../status.js';
import { clone, isObj } from '../types.js';

/**
 * Strategic merge patch for the Kubernetes fields our operations and kubectl touch. Merge keys are
 * looked up by field name (the built-in types use the same key wherever a field name recurs),
 * except `ports`, whose key depends on whether it lists container or service ports.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  tolerations: 'key',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Primitive lists with the `merge` strategy (union instead of replace). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

function mergeList(field: string, original: unknown, patch: unknown[]): unknown[] {
  const base = Array.isArray(original) ? clone(original) : [];
  if (patch.some((i) => isObj(i) && i.$patch === 'replace')) return patch.filter((i) => !(isObj(i) && i.$patch === 'replace'));
  const key = mergeKeyFor(field, patch);
  if (!key) {
    if (MERGED_PRIMITIVE_LISTS.has(field)) return [...base, ...patch.filter((p) => !base.includes(p))];
    return clone(patch);
  }
  for (const item of patch) {
    if (!isObj(item)) throw badRequest(`unable to find api field in struct for the merge list ${field}`);
    const id = item[key];
    const index = base.findIndex((b) => isObj(b) && b[key] === id);
    if (item.$patch === 'delete') {
      if (index >= 0) base.splice(index, 1);
      continue;
    }
    if (index >= 0) base[index] = applyStrategicMergePatch(base[index], item);
    else base.push(applyStrategicMergePatch(undefined, item));
  }
  return base;
}

function deleteFromPrimitiveList(list: unknown, values: unknown): unknown[] {
  const drop = Array.isArray(values) ? values : [];
  return (Array.isArray(list) ? list : []).filter((v) => !drop.includes(v));
}

/** Apply `application/strategic-merge-patch+json` to a JSON value. */
export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'delete') return undefined;
  const replaceAll = patch.$patch === 'replace';
  const out: Record<string, unknown> = !replaceAll && isObj(original) ? clone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      out[field] = deleteFromPrimitiveList(out[field], value);
      continue;
    }
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = replaceAll ? stripDirectives(value) : mergeList(key, out[key], value);
    else if (isObj(value)) {
      const merged = applyStrategicMergePatch(replaceAll ? undefined : out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  return out;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => stripDirectives(v));
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}
