import type { KubeObject } from '../../types.js';
import type { ResourceRef } from '../apply.js';
import { refOf } from '../apply.js';

export interface InventoryEntry {
  id: string;
  v: string;
}

/** Flux's inventory id: `<namespace>_<name>_<group>_<kind>` (object.ObjMetadata), with the version beside it. */
export function inventoryOf(objects: KubeObject[]): InventoryEntry[] {
  return objects
    .map((o) => {
      const r = refOf(o);
      return { id: `${r.namespace ?? ''}_${r.name}_${r.group}_${r.kind}`, v: r.version };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function refOfEntry(e: InventoryEntry): ResourceRef | undefined {
  const parts = e.id.split('_');
  if (parts.length !== 4) return undefined;
  const [namespace = '', name = '', group = '', kind = ''] = parts;
  return { group, version: e.v, kind, ...(namespace ? { namespace } : {}), name };
}

export interface Snapshot {
  digest: string;
  firstReconciled: string;
  lastReconciled: string;
  lastReconciledDuration: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}

/** Flux 2.6's reconciliation history: same digest+status updates in place and moves to the front; at most 5. */
export function upsertSnapshot(history: Snapshot[] | undefined, next: Omit<Snapshot, 'firstReconciled' | 'totalReconciliations'>): Snapshot[] {
  const list = [...(history ?? [])];
  const i = list.findIndex((s) => s.digest === next.digest && s.lastReconciledStatus === next.lastReconciledStatus);
  if (i >= 0) {
    const prev = list.splice(i, 1)[0] as Snapshot;
    list.unshift({ ...prev, ...next, totalReconciliations: prev.totalReconciliations + 1 });
  } else {
    list.unshift({ ...next, firstReconciled: next.lastReconciled, totalReconciliations: 1 });
  }
  return list.slice(0, 5);
}
