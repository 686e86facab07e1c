import { PatchStrategy } from '@kubernetes/client-node';
import { NotFoundError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { FIELD_MANAGER, kubeCall, workloadPath } from '../client/kube-call.js';
import {
  deploymentRollbackPatch,
  pausedRollbackError,
  pickRollbackRevision,
  rollbackAnnotations,
  templatesMatch,
  withoutTemplateHash,
} from './rollback-rules.js';
import { withAnnotations } from '../objects/provenance.js';
import { semanticEqual } from '../objects/semantic-equal.js';
import { currentRevision, type HistoryEntry } from './workload-history.js';

/** What `rollout undo` would do, computed from fresh reads; `patch` is undefined when nothing is sent. */
export interface RollbackPlan {
  workload: KObject;
  fromRevision: number;
  toRevision: number;
  fromTemplate: PodTemplate;
  toTemplate: PodTemplate;
  patch?: { contentType: string; body: unknown };
  skippedMessage?: string;
}

/** kubectl `rollout undo` decision logic for Deployments, StatefulSets and DaemonSets. */
export function planRollback(workload: KObject, history: HistoryEntry[], to: number | undefined): RollbackPlan {
  const name = workload.metadata?.name ?? '';
  const spec = (workload['spec'] ?? {}) as { template?: PodTemplate; paused?: boolean };
  const current = spec.template ?? {};
  const fromRevision = currentRevision(history);
  if (workload.kind === 'Deployment') {
    const target = pickRollbackRevision(history, to, `no rollout history found for deployment "${name}"`);
    if (spec.paused === true) throw pausedRollbackError();
    const base = { workload, fromRevision, toRevision: target.revision, fromTemplate: current, toTemplate: target.template };
    if (templatesMatch(target.template, current)) {
      return { ...base, skippedMessage: `skipped rollback (current template already matches revision ${target.revision})` };
    }
    const template = withoutTemplateHash(target.template);
    const annotations = rollbackAnnotations(workload.metadata?.annotations, target.object.metadata?.annotations);
    return { ...base, toTemplate: template, patch: { contentType: PatchStrategy.JsonPatch, body: deploymentRollbackPatch(template, annotations) } };
  }
  if (to !== undefined && to < 0) throw new NotFoundError(`unable to find specified revision ${to} in history`);
  if ((to === undefined || to === 0) && history.length <= 1) throw new NotFoundError('no last revision to roll back to');
  const target = pickRollbackRevision(history, to, 'no last revision to roll back to');
  const data = target.object['data'];
  const base = { workload, fromRevision, toRevision: target.revision, fromTemplate: current, toTemplate: target.template };
  if (semanticEqual({ spec: { template: { ...current, $patch: 'replace' } } }, data)) {
    return { ...base, skippedMessage: `skipped rollback (current template already matches revision ${target.revision})` };
  }
  return { ...base, patch: { contentType: PatchStrategy.StrategicMergePatch, body: data } };
}

/** Sends the rollback patch (optionally as a server dry run); the caller decides whether to watch. */
export async function sendRollback(
  clients: ClusterClients,
  plan: RollbackPlan,
  opts: { dryRun?: boolean; signal?: AbortSignal; warnings?: string[]; annotations?: Record<string, string> } = {},
): Promise<KObject> {
  if (!plan.patch) return plan.workload;
  const patch = opts.annotations ? withAnnotations(plan.patch, opts.annotations) : plan.patch;
  const kind = plan.workload.kind as 'Deployment' | 'StatefulSet' | 'DaemonSet';
  return kubeCall(clients, {
    method: 'PATCH',
    path: workloadPath(kind, plan.workload.metadata?.namespace ?? '', plan.workload.metadata?.name ?? ''),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    body: patch.body,
    contentType: patch.contentType,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.warnings ? { warnings: opts.warnings } : {}),
  });
}
