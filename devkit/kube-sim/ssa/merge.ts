import type { Obj } from '../types.js';
import { clone, isObj } from '../types.js';
import type { FieldPath } from './paths.js';
import { leaves } from './paths.js';

function sameKey(item: unknown, key: Obj): boolean {
  return isObj(item) && Object.entries(key).every(([k, v]) => (item[k] ?? (k === 'protocol' ? 'TCP' : undefined)) === v);
}

/** Set one leaf in `target`, creating structs and keyed list elements on the way. */
function setPath(target: Obj, path: FieldPath, value: unknown): void {
  let node: unknown = target;
  path.forEach((t, i) => {
    const last = i === path.length - 1;
    if ('f' in t) {
      const o = node as Obj;
      if (last) o[t.f] = clone(value);
      else {
        const next = path[i + 1];
        if (next && 'k' in next && !Array.isArray(o[t.f])) o[t.f] = [];
        else if (next && 'f' in next && !isObj(o[t.f])) o[t.f] = {};
        node = o[t.f];
      }
      return;
    }
    const list = node as unknown[];
    let item = list.find((e) => sameKey(e, t.k));
    if (!item) {
      item = { ...t.k };
      list.push(item);
    }
    node = item;
  });
}

/** Remove one leaf (and a keyed element left with nothing but its key). */
function removePath(target: Obj, path: FieldPath): void {
  const parents: unknown[] = [];
  let node: unknown = target;
  for (const t of path.slice(0, -1)) {
    parents.push(node);
    node = 'f' in t ? (isObj(node) ? node[t.f] : undefined) : Array.isArray(node) ? node.find((e) => sameKey(e, t.k)) : undefined;
    if (node === undefined) return;
  }
  const last = path[path.length - 1];
  if (last && 'f' in last && isObj(node)) delete node[last.f];
  else if (last && 'k' in last && Array.isArray(node)) node.splice(node.findIndex((e) => sameKey(e, last.k)), 1);
}

/**
 * The result of an apply: the live object with every field of the applied configuration set, and
 * the fields this manager applied before but no longer does (and nobody else owns) removed.
 */
export function mergeApplied(live: Obj, applied: Obj, dropped: FieldPath[]): Obj {
  const out = clone(live);
  for (const leaf of leaves(applied)) setPath(out, leaf.path, leaf.value);
  for (const path of dropped) removePath(out, path);
  if (isObj(applied.metadata)) {
    const meta = (isObj(out.metadata) ? out.metadata : {}) as Obj;
    for (const k of ['name', 'namespace', 'generateName']) if (applied.metadata[k] !== undefined) meta[k] = applied.metadata[k];
    out.metadata = meta;
  }
  return out;
}
