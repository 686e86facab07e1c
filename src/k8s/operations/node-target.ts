import { InvalidError } from '../../core/errors.js';
import type { TargetRef } from '../../core/target.js';
import type { Ctx } from './operation-deps.js';

/** The node a cordon/uncordon/drain names. */
export function nodeName(ctx: Ctx): string {
  const inv = ctx.invocation;
  if (inv.command !== 'cordon' && inv.command !== 'uncordon' && inv.command !== 'drain') throw new InvalidError('a node command needs a node');
  return inv.node;
}

export const nodeTarget = (ctx: Ctx): TargetRef => ({ cluster: ctx.scope.cluster, namespace: '', kind: 'Node', name: nodeName(ctx) });

