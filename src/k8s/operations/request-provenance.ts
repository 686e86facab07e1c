import type { OperationContext } from '../../core/operation.js';
import type { Provenance } from '../objects/provenance.js';

/** The request's who-did-what, as recorded on every object Shipmate changes. */
export function provenanceOf(ctx: Pick<OperationContext, 'requestId' | 'invocation' | 'requester' | 'approvers'>): Provenance {
  return { requestId: ctx.requestId, command: ctx.invocation.command, requester: ctx.requester, approvers: ctx.approvers ?? [] };
}
