import type { ControllerEnv } from './env.js';
import { controllerRef } from './pod-util.js';

const DEPENDENTS: [string, string][] = [
  ['apps/v1', 'ReplicaSet'],
  ['v1', 'Pod'],
  ['apps/v1', 'ControllerRevision'],
  ['batch/v1', 'Job'],
];

/**
 * Background cascading deletion: dependents of an owner that was deleted go too. Only owners seen
 * deleted are acted on, so hand-made objects that point at imaginary owners survive (tests use them).
 */
export function makeGarbageCollector(deletedOwners: Set<string>): (env: ControllerEnv) => boolean {
  return (env) => {
    if (deletedOwners.size === 0) return false;
    for (const [apiVersion, kind] of DEPENDENTS) {
      const type = env.type(apiVersion, kind);
      for (const obj of env.api.store.list(type)) {
        const ref = controllerRef(obj) ?? obj.metadata.ownerReferences?.[0];
        if (ref && deletedOwners.has(ref.uid)) {
          deletedOwners.add(obj.metadata.uid);
          env.api.store.delete(type, obj.metadata.namespace, obj.metadata.name);
        }
      }
    }
    return false;
  };
}
