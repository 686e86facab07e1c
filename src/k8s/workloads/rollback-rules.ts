import { InvalidError, NotFoundError } from '../../core/errors.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { semanticEqual } from '../objects/semantic-equal.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** Annotations the deployment keeps on rollback (kubectl's annotationsToSkip). */
const KEEP_DEPLOYMENT_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** Revision of a ReplicaSet: missing → 0, unparsable → undefined (kubectl ignores that RS). */
export function replicaSetRevision(rs: KObject): number | undefined {
  const raw = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  if (raw === undefined) return 0;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export interface Revisioned<T> {
  revision: number;
  object: T;
}

/**
 * The history entry to roll back to: revision `to` when given, else the second-highest one
 * (the highest is the current template). Error texts are kubectl's.
 */
export function pickRollbackRevision<E extends Revisioned<unknown>>(history: E[], to: number | undefined, noHistory: string): E {
  if (to !== undefined && to !== 0) {
    const hit = history.find((h) => h.revision === to);
    if (!hit) throw new NotFoundError(`unable to find specified revision ${to} in history`);
    return hit;
  }
  const sorted = [...history].sort((a, b) => b.revision - a.revision);
  const previous = sorted[1];
  if (!previous) throw new NotFoundError(noHistory);
  return previous;
}

export function pausedRollbackError(): InvalidError {
  return new InvalidError('you cannot rollback a paused deployment; resume it first with `kubectl rollout resume` and try again');
}

/** A template without the controller-added `pod-template-hash` label. */
export function withoutTemplateHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

export function templatesMatch(current: PodTemplate | undefined, candidate: PodTemplate | undefined): boolean {
  return semanticEqual(withoutTemplateHash(current), withoutTemplateHash(candidate));
}

/**
 * The deployment's annotations after rollback: its own values for the bookkeeping keys, every
 * other annotation copied from the ReplicaSet, and deployment annotations absent from it dropped.
 */
export function rollbackAnnotations(
  deployment: Record<string, string> | undefined,
  replicaSet: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment ?? {})) if (KEEP_DEPLOYMENT_ANNOTATIONS.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(replicaSet ?? {})) if (!KEEP_DEPLOYMENT_ANNOTATIONS.has(k)) out[k] = v;
  return out;
}

/** The JSON patch kubectl sends: replace the template and the whole annotation map. */
export function deploymentRollbackPatch(template: PodTemplate, annotations: Record<string, string>): unknown[] {
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}
