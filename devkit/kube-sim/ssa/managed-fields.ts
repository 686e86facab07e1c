import { StatusError } from '../status.js';
import type { KubeObject, Obj } from '../types.js';
import { isObj, nowIso } from '../types.js';
import { mergeApplied } from './merge.js';
import type { FieldPath, Leaf } from './paths.js';
import { fromFieldsV1, leaves, pathString, toFieldsV1 } from './paths.js';

/** One `metadata.managedFields` entry. */
export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Obj;
  subresource?: string;
}

export function entriesOf(obj: { metadata?: unknown } | undefined): ManagedEntry[] {
  const meta = obj && isObj(obj.metadata) ? obj.metadata : {};
  return Array.isArray(meta.managedFields) ? (meta.managedFields as ManagedEntry[]).filter((e) => isObj(e) && typeof e.manager === 'string') : [];
}

type Owned = Map<string, FieldPath>;

function ownedBy(e: ManagedEntry): Owned {
  return new Map(fromFieldsV1(e.fieldsV1).map((p) => [pathString(p), p]));
}

function entry(manager: string, operation: ManagedEntry['operation'], apiVersion: string, owned: Owned): ManagedEntry {
  return { manager, operation, apiVersion, time: nowIso(), fieldsType: 'FieldsV1', fieldsV1: toFieldsV1([...owned.values()]) };
}

const byPath = (list: Leaf[]): Map<string, Leaf> => new Map(list.map((l) => [pathString(l.path), l]));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Rebuild the entry list: the given manager's entry replaced or appended, emptied entries dropped. */
function rebuild(entries: ManagedEntry[], owned: Owned[], mine: ManagedEntry, isMine: (e: ManagedEntry) => boolean): ManagedEntry[] {
  const out: ManagedEntry[] = [];
  let placed = false;
  entries.forEach((e, i) => {
    if (isMine(e)) {
      out.push(mine);
      placed = true;
    } else if ((owned[i]?.size ?? 0) > 0) out.push({ ...e, fieldsV1: toFieldsV1([...(owned[i] ?? new Map<string, FieldPath>()).values()]) });
  });
  if (!placed) out.push(mine);
  return out.filter((e) => Object.keys(e.fieldsV1).length > 0);
}

/**
 * The managedFields after a non-apply write by `manager`: it now owns every field it changed or
 * added, other managers lose those, and fields the write removed belong to nobody.
 */
export function updatedEntries(old: KubeObject | undefined, next: KubeObject, manager: string, apiVersion: string): ManagedEntry[] {
  const entries = entriesOf(old);
  const before = byPath(old ? leaves(old) : []);
  const after = byPath(leaves(next));
  const changed = [...after].filter(([k, l]) => !before.has(k) || !same(before.get(k)?.value, l.value));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  if (changed.length === 0 && removed.length === 0) return entries;
  const isMine = (e: ManagedEntry): boolean => e.manager === manager && e.operation === 'Update' && e.apiVersion === apiVersion && !e.subresource;
  const owned = entries.map(ownedBy);
  for (const [i, set] of owned.entries()) {
    const mineNow = entries[i] !== undefined && isMine(entries[i]);
    for (const k of removed) set.delete(k);
    if (!mineNow) for (const [k] of changed) set.delete(k);
  }
  const mineIndex = entries.findIndex(isMine);
  const mySet: Owned = mineIndex >= 0 ? (owned[mineIndex] ?? new Map()) : new Map();
  for (const [k, l] of changed) mySet.set(k, l.path);
  return rebuild(entries, owned, entry(manager, 'Update', apiVersion, mySet), isMine);
}

interface Conflict {
  manager: string;
  path: string;
}

function managerLabel(e: ManagedEntry): string {
  const sub = e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : '';
  return `${JSON.stringify(e.manager)}${sub}${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}`;
}

/** The apiserver's apply conflict: 409 with one FieldManagerConflict cause per field. */
export function conflictError(conflicts: Conflict[]): StatusError {
  let message: string;
  if (conflicts.length === 1 && conflicts[0]) message = `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${conflicts[0].path}`;
  else {
    const managers = [...new Set(conflicts.map((c) => c.manager))].sort();
    const lines = managers.flatMap((m) => [`conflicts with ${m}:`, ...conflicts.filter((c) => c.manager === m).map((c) => `- ${c.path}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: c.path })) });
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined: the object is new). A field
 * another manager owns with a different live value is a conflict unless `force`, which moves it.
 */
export function applyConfiguration(live: KubeObject | undefined, applied: Obj, manager: string, apiVersion: string, force: boolean): KubeObject {
  const entries = entriesOf(live);
  const liveLeaves = byPath(live ? leaves(live) : []);
  const appliedLeaves = byPath(leaves(applied));
  const isMine = (e: ManagedEntry): boolean => e.manager === manager && e.operation === 'Apply';
  const owned = entries.map(ownedBy);
  const conflicts: Conflict[] = [];
  entries.forEach((e, i) => {
    if (isMine(e)) return;
    for (const [k, leaf] of appliedLeaves) {
      if (!owned[i]?.has(k) || same(liveLeaves.get(k)?.value, leaf.value)) continue;
      if (force) owned[i]?.delete(k);
      else conflicts.push({ manager: managerLabel(e), path: k });
    }
  });
  if (conflicts.length > 0) throw conflictError(conflicts);
  const previous = entries.find(isMine);
  const stillOwned = (k: string): boolean => entries.some((e, i) => !isMine(e) && owned[i]?.has(k));
  const dropped = previous ? [...ownedBy(previous)].filter(([k]) => !appliedLeaves.has(k) && !stillOwned(k)).map(([, p]) => p) : [];
  const merged = mergeApplied((live ?? {}) as Obj, applied, dropped) as KubeObject;
  const mine = entry(manager, 'Apply', apiVersion, new Map([...appliedLeaves].map(([k, l]) => [k, l.path])));
  merged.metadata.managedFields = rebuild(entries, owned, mine, isMine);
  return merged;
}
