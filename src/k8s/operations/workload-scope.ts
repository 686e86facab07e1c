import { InvalidError } from '../../core/errors.js';
import type { WorkloadRef } from '../../core/operation.js';
import type { TargetRef } from '../../core/target.js';
import type { KObject } from '../objects/k8s-object.js';
import type { Ctx } from './operation-deps.js';

export function requireWorkload(ctx: Ctx): WorkloadRef & { namespace: string } {
  const w = ctx.scope.workload;
  if (!w) throw new InvalidError(`this command needs an app; environment ${ctx.scope.env} names none`);
  return { ...w, namespace: ctx.scope.namespace };
}

export function workloadTarget(ctx: Ctx): TargetRef {
  const w = requireWorkload(ctx);
  return { cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: w.kind, name: w.name };
}

/** The lock of a command about an environment's whole namespace (preflight). */
export function namespaceTarget(ctx: Ctx): TargetRef {
  return { cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: 'Namespace', name: ctx.scope.namespace };
}

/** uid + generation + revision: status-only updates (pods becoming ready) must not void an approval. */
export function workloadFingerprint(obj: KObject, revision: number | string): string {
  return `${obj.metadata?.uid ?? ''}/g${obj.metadata?.generation ?? 0}/r${revision}`;
}

export function wl(w: WorkloadRef): string {
  return `${w.kind.toLowerCase()}/${w.name}`;
}
