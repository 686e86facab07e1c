import type { Condition, KubeObject, OwnerReference } from '../types.js';
import { isObj } from '../types.js';

export function podPhase(pod: KubeObject): string {
  return isObj(pod.status) && typeof pod.status.phase === 'string' ? pod.status.phase : 'Pending';
}

export function isPodTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = isObj(pod.status) ? ((pod.status.conditions as Condition[] | undefined) ?? []) : [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  return controllerRef(obj)?.uid === owner.metadata.uid;
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
