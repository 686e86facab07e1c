import type { KObject } from '../objects/k8s-object.js';
import { num, str } from '../objects/k8s-object.js';

/** One evaluation of kubectl's rollout-status rules on a workload object. */
export type RolloutVerdict =
  | { state: 'waiting'; message: string }
  | { state: 'done'; message: string }
  | { state: 'failed'; message: string };

interface Condition {
  type?: string;
  reason?: string;
  status?: string;
  message?: string;
}

export function rolloutVerdict(obj: KObject): RolloutVerdict {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentVerdict(obj);
    case 'DaemonSet':
      return daemonSetVerdict(obj);
    case 'StatefulSet':
      return statefulSetVerdict(obj);
    default:
      return { state: 'failed', message: `no status viewer for kind ${String(obj.kind)}` };
  }
}

const section = (obj: KObject, key: 'spec' | 'status'): Record<string, unknown> =>
  (obj[key] && typeof obj[key] === 'object' ? obj[key] : {}) as Record<string, unknown>;

function deploymentVerdict(d: KObject): RolloutVerdict {
  const name = d.metadata?.name ?? '';
  const spec = section(d, 'spec');
  const status = section(d, 'status');
  if ((d.metadata?.generation ?? 0) > (num(status['observedGeneration']) ?? 0)) {
    return { state: 'waiting', message: 'Waiting for deployment spec update to be observed...' };
  }
  const conditions = (status['conditions'] ?? []) as Condition[];
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { state: 'failed', message: `deployment "${name}" exceeded its progress deadline` };
  }
  const desired = num(spec['replicas']) ?? 1;
  const updated = num(status['updatedReplicas']) ?? 0;
  const replicas = num(status['replicas']) ?? 0;
  const available = num(status['availableReplicas']) ?? 0;
  const wait = (m: string): RolloutVerdict => ({ state: 'waiting', message: `Waiting for deployment "${name}" rollout to finish: ${m}` });
  if (updated < desired) return wait(`${updated} out of ${desired} new replicas have been updated...`);
  if (replicas > updated) return wait(`${replicas - updated} old replicas are pending termination...`);
  if (available < updated) return wait(`${available} of ${updated} updated replicas are available...`);
  return { state: 'done', message: `deployment "${name}" successfully rolled out` };
}

function daemonSetVerdict(ds: KObject): RolloutVerdict {
  const name = ds.metadata?.name ?? '';
  const spec = section(ds, 'spec');
  const status = section(ds, 'status');
  const strategy = str((spec['updateStrategy'] as Record<string, unknown> | undefined)?.['type']) ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') return { state: 'failed', message: 'rollout status is only available for RollingUpdate strategy type' };
  if ((ds.metadata?.generation ?? 0) > (num(status['observedGeneration']) ?? 0)) {
    return { state: 'waiting', message: 'Waiting for daemon set spec update to be observed...' };
  }
  const desired = num(status['desiredNumberScheduled']) ?? 0;
  const updated = num(status['updatedNumberScheduled']) ?? 0;
  const available = num(status['numberAvailable']) ?? 0;
  if (updated < desired) {
    return { state: 'waiting', message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...` };
  }
  if (available < desired) {
    return { state: 'waiting', message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...` };
  }
  return { state: 'done', message: `daemon set "${name}" successfully rolled out` };
}

function statefulSetVerdict(sts: KObject): RolloutVerdict {
  const spec = section(sts, 'spec');
  const status = section(sts, 'status');
  const strategy = (spec['updateStrategy'] ?? {}) as { type?: string; rollingUpdate?: { partition?: number } };
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { state: 'failed', message: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const observed = num(status['observedGeneration']) ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) {
    return { state: 'waiting', message: 'Waiting for statefulset spec update to be observed...' };
  }
  const replicas = num(spec['replicas']);
  const ready = num(status['readyReplicas']) ?? 0;
  if (replicas !== undefined && ready < replicas) {
    return { state: 'waiting', message: `Waiting for ${replicas - ready} pods to be ready...` };
  }
  const updated = num(status['updatedReplicas']) ?? 0;
  const partition = strategy.rollingUpdate?.partition;
  if (strategy.rollingUpdate && partition !== undefined && replicas !== undefined) {
    if (updated < replicas - partition) {
      return { state: 'waiting', message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...` };
    }
    return { state: 'done', message: `partitioned roll out complete: ${updated} new pods have been updated...` };
  }
  const updateRevision = str(status['updateRevision']);
  const currentRevision = str(status['currentRevision']);
  if (updateRevision !== currentRevision) {
    return { state: 'waiting', message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision ?? ''}...` };
  }
  return { state: 'done', message: `statefulset rolling update complete ${num(status['currentReplicas']) ?? 0} pods at revision ${currentRevision ?? ''}...` };
}
