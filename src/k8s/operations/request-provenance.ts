import type { OperationContext } from '../../core/operation.js';
import type { Provenance } from '../objects/provenance.js';

type ProvenanceContext = Pick<OperationContext, 'requestId' | 'invocation' | 'requester' | 'requesterHandle' | 'approvers'>;

/** The request's who-did-what, as recorded on every object Shipmate changes; ids stand in for unknown handles. */
export function provenanceOf(ctx: ProvenanceContext): Provenance {
  return { requestId: ctx.requestId, command: ctx.invocation.command, requester: ctx.requesterHandle ?? ctx.requester, approvers: (ctx.approvers ?? []).map((a) => a.handle ?? a.id) };
}
