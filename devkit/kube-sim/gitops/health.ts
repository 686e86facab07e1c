import type { Condition, KubeObject } from '../types.js';
import { isObj } from '../types.js';

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

export interface Health {
  status: HealthStatus;
  message?: string;
}

interface RolloutStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  conditions?: Condition[];
}

/** Argo CD's (gitops-engine's) Deployment health check, message for message. */
function deploymentHealth(obj: KubeObject): Health {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as { paused?: boolean; replicas?: number };
  const st = (isObj(obj.status) ? obj.status : {}) as RolloutStatus;
  if (spec.paused) return { status: 'Suspended', message: 'Deployment is paused' };
  if ((obj.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { status: 'Progressing', message: 'Waiting for rollout to finish: observed deployment generation less than desired generation' };
  }
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { status: 'Degraded', message: `Deployment "${obj.metadata.name}" exceeded its progress deadline` };
  const want = spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { status: 'Progressing', message: `Waiting for rollout to finish: ${updated} out of ${want} new replicas have been updated...` };
  if ((st.replicas ?? 0) > updated) return { status: 'Progressing', message: `Waiting for rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...` };
  if ((st.availableReplicas ?? 0) < updated) return { status: 'Progressing', message: `Waiting for rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
  return { status: 'Healthy' };
}

function statefulHealth(obj: KubeObject): Health {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as { replicas?: number };
  const st = (isObj(obj.status) ? obj.status : {}) as RolloutStatus;
  if ((obj.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' };
  const want = spec.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < want) return { status: 'Progressing', message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...` };
  return { status: 'Healthy' };
}

/** Health of one live object, or undefined for kinds Argo CD has no health check for (ConfigMap…). */
export function resourceHealth(obj: KubeObject | undefined): Health | undefined {
  if (!obj) return { status: 'Missing' };
  switch (obj.kind) {
    case 'Deployment':
      return deploymentHealth(obj);
    case 'StatefulSet':
      return statefulHealth(obj);
    case 'Service':
    case 'Namespace':
      return { status: 'Healthy' };
    default:
      return undefined;
  }
}

const ORDER: HealthStatus[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

/** The application's health: the worst of its resources' (Argo CD's ordering). */
export function worstHealth(list: (Health | undefined)[]): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const h of list) if (h && ORDER.indexOf(h.status) > ORDER.indexOf(worst)) worst = h.status;
  return worst;
}
