import type { KubeObject, PodTemplate } from '../types.js';
import { clone, deepEqual, isObj } from '../types.js';
import type { ControllerEnv } from './env.js';
import { computeHash, normalize } from './hash.js';
import { isOwnedBy, ownerRef } from './pod-util.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** What StatefulSet/DaemonSet controllers store in ControllerRevision.data: a replace-patch of the template. */
export function revisionData(template: PodTemplate): Record<string, unknown> {
  return sortKeys({ spec: { template: { ...clone(template), $patch: 'replace' } } }) as Record<string, unknown>;
}

export function revisionNumber(cr: KubeObject): number {
  return typeof cr.revision === 'number' ? cr.revision : 0;
}

export function templateOfRevision(cr: KubeObject): PodTemplate {
  const data = cr.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _p, ...template } = data?.spec?.template ?? {};
  return template as unknown as PodTemplate;
}

export function ownedRevisions(env: ControllerEnv, owner: KubeObject): KubeObject[] {
  return env
    .list('apps/v1', 'ControllerRevision', owner.metadata.namespace)
    .filter((cr) => isOwnedBy(cr, owner))
    .sort((a, b) => revisionNumber(a) - revisionNumber(b));
}

/**
 * The revision matching the owner's current template: an equal older one is re-used and renumbered
 * to max+1 (that is how `rollout undo` shows up in history), otherwise a new one is created.
 */
export function currentRevision(env: ControllerEnv, owner: KubeObject, template: PodTemplate): KubeObject {
  const data = revisionData(template);
  const revisions = ownedRevisions(env, owner);
  const max = Math.max(0, ...revisions.map(revisionNumber));
  const equal = revisions.find((cr) => deepEqual(normalize(cr.data), normalize(data)));
  if (equal) {
    if (revisionNumber(equal) === max) return equal;
    return env.write({ ...equal, revision: max + 1 });
  }
  const hash = computeHash(normalize(data));
  return env.api.store.create(env.type('apps/v1', 'ControllerRevision'), {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${owner.metadata.name}-${hash}`,
      namespace: owner.metadata.namespace ?? 'default',
      labels: { ...(template.metadata?.labels ?? {}), 'controller.kubernetes.io/hash': hash },
      ownerReferences: [ownerRef(owner)],
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
    },
    data,
    revision: max + 1,
  });
}

/** Drop the oldest revisions not in use beyond revisionHistoryLimit. */
export function pruneRevisions(env: ControllerEnv, owner: KubeObject, inUse: Set<string>): void {
  const limit = typeof (owner.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit === 'number' ? (owner.spec as { revisionHistoryLimit: number }).revisionHistoryLimit : 10;
  const idle = ownedRevisions(env, owner).filter((cr) => !inUse.has(cr.metadata.name));
  const type = env.type('apps/v1', 'ControllerRevision');
  for (const cr of idle.slice(0, Math.max(0, idle.length - limit))) env.api.store.delete(type, cr.metadata.namespace, cr.metadata.name);
}
