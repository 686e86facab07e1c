import type { Condition, KubeObject } from '../types.js';
import { isObj, nowIso } from '../types.js';

export interface RsCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  specTotal: number;
}

export interface ProgressInput {
  deployment: KubeObject;
  newRsName: string;
  counts: RsCounts;
  desired: number;
  maxUnavailable: number;
  paused: boolean;
  created: boolean;
  deadlineExceeded: boolean;
}

function setCondition(list: Condition[], next: Condition): Condition[] {
  const prev = list.find((c) => c.type === next.type);
  const now = nowIso();
  const merged: Condition = {
    ...next,
    lastUpdateTime: prev && prev.status === next.status && prev.reason === next.reason && prev.message === next.message ? (prev.lastUpdateTime ?? now) : now,
    lastTransitionTime: prev && prev.status === next.status ? (prev.lastTransitionTime ?? now) : now,
  };
  return [...list.filter((c) => c.type !== next.type), merged];
}

export function isComplete(input: ProgressInput): boolean {
  const { counts, desired } = input;
  return counts.updatedReplicas === desired && counts.replicas === desired && counts.availableReplicas === desired && counts.specTotal === desired;
}

/** The deployment controller's status block: counts, Available and Progressing conditions. */
export function deploymentStatus(input: ProgressInput, progressed: boolean): Record<string, unknown> {
  const { deployment, counts, desired, newRsName } = input;
  const old = isObj(deployment.status) ? deployment.status : {};
  let conditions = (old.conditions as Condition[] | undefined) ?? [];
  const available = counts.availableReplicas >= desired - input.maxUnavailable;
  conditions = setCondition(
    conditions,
    available
      ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
  );
  const prev = conditions.find((c) => c.type === 'Progressing');
  let progressing: Condition | undefined;
  if (input.paused) progressing = { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' };
  else if (isComplete(input)) progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRsName}" has successfully progressed.` };
  else if (input.created) progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${newRsName}"` };
  else if (progressed || prev?.reason === 'DeploymentPaused') progressing = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRsName}" is progressing.` };
  else if (input.deadlineExceeded) progressing = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRsName}" has timed out progressing.` };
  else if (!prev) progressing = { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${newRsName}"` };
  if (progressing) conditions = setCondition(conditions, progressing);
  const order = ['Available', 'Progressing', 'ReplicaFailure'];
  conditions.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  return {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas: counts.replicas,
    updatedReplicas: counts.updatedReplicas,
    readyReplicas: counts.readyReplicas,
    availableReplicas: counts.availableReplicas,
    ...(Math.max(0, counts.specTotal - counts.availableReplicas) > 0 ? { unavailableReplicas: Math.max(0, counts.specTotal - counts.availableReplicas) } : {}),
    conditions,
  };
}
