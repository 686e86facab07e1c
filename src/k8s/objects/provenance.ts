import { PatchStrategy } from '@kubernetes/client-node';
import { ShipmateError } from '../../core/errors.js';
import { slackHandle } from '../../core/handle.js';

/** kubectl's annotation: the deployment controller copies it to the ReplicaSet, `rollout history` shows it. */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** Which Shipmate request made the change, for `kubectl describe` and for finding the audit record. */
export const REQUEST_ID_ANNOTATION = 'shipmate.dev/request-id';

/** Who did what: each person as a Slack handle where known, else as the user id. */
export interface Provenance {
  requestId: string;
  command: string;
  requester: string;
  approvers: readonly string[];
}

/** `shipmate R-… rollback by @alice, approved by @bob` */
export function changeCause(p: Provenance): string {
  const approved = p.approvers.length ? `, approved by ${p.approvers.map(who).join(', ')}` : '';
  return `shipmate ${p.requestId} ${p.command} by ${who(p.requester)}${approved}`;
}

export function provenanceAnnotations(p: Provenance): Record<string, string> {
  return { [CHANGE_CAUSE]: changeCause(p), [REQUEST_ID_ANNOTATION]: p.requestId };
}

// A name is shown as @name, in the handle's safe form whatever a stored record holds: the
// change-cause is plain text on the object, one line, never Slack markup.
function who(name: string): string {
  return `@${slackHandle(name) ?? 'unknown'}`;
}

export interface PatchBody {
  contentType: string;
  body: unknown;
}

/**
 * The same patch, also setting the workload's annotations. Merge and strategic-merge bodies gain
 * `metadata.annotations`; kubectl's rollback JSON patch already replaces the whole annotation map,
 * so the annotations join that map.
 */
export function withAnnotations(patch: PatchBody, annotations: Record<string, string>): PatchBody {
  if (patch.contentType === PatchStrategy.JsonPatch) {
    const ops = patch.body as { op: string; path: string; value?: unknown }[];
    if (!ops.some((o) => o.path === '/metadata/annotations')) {
      throw new ShipmateError('internal', 'a JSON patch without an annotation map cannot carry provenance');
    }
    return {
      ...patch,
      body: ops.map((o) => (o.path === '/metadata/annotations' ? { ...o, value: { ...(o.value as Record<string, string>), ...annotations } } : o)),
    };
  }
  const body = (patch.body ?? {}) as { metadata?: { annotations?: Record<string, string> } };
  return { ...patch, body: { ...body, metadata: { ...body.metadata, annotations: { ...body.metadata?.annotations, ...annotations } } } };
}
