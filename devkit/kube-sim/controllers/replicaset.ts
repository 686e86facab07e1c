import type { KubeObject, PodTemplate } from '../types.js';
import { isObj } from '../types.js';
import type { ControllerEnv } from './env.js';
import { podFromTemplate } from './pod-factory.js';
import { isOwnedBy, isPodReady, isPodTerminal, podPhase } from './pod-util.js';

interface RsSpec {
  replicas?: number;
  template: PodTemplate;
}

/** Deletion preference of the ReplicaSet controller: unscheduled, pending, not ready, then newest first. */
function deletionRank(pod: KubeObject): number {
  if (!(pod.spec as { nodeName?: string }).nodeName) return 0;
  if (podPhase(pod) === 'Pending') return 1;
  if (!isPodReady(pod)) return 2;
  return 3;
}

export function rsPods(env: ControllerEnv, rs: KubeObject): KubeObject[] {
  return env.list('v1', 'Pod', rs.metadata.namespace).filter((p) => isOwnedBy(p, rs) && !isPodTerminal(p) && !p.metadata.deletionTimestamp);
}

function syncReplicaSet(env: ControllerEnv, rs: KubeObject): void {
  const spec = rs.spec as RsSpec;
  const want = spec.replicas ?? 1;
  const pods = rsPods(env, rs);
  const podType = env.type('v1', 'Pod');
  if (pods.length < want) {
    for (let i = pods.length; i < want; i++) {
      const pod = env.api.store.create(podType, podFromTemplate(rs, spec.template, { generateName: `${rs.metadata.name}-` }));
      env.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
      pods.push(pod);
    }
  } else if (pods.length > want) {
    const doomed = pods
      .slice()
      .sort((a, b) => deletionRank(a) - deletionRank(b) || (b.metadata.creationTimestamp > a.metadata.creationTimestamp ? 1 : -1))
      .slice(0, pods.length - want);
    for (const pod of doomed) {
      env.api.store.delete(podType, pod.metadata.namespace, pod.metadata.name);
      env.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
    }
  }
  const live = rsPods(env, rs);
  const ready = live.filter(isPodReady).length;
  const status = {
    replicas: live.length,
    fullyLabeledReplicas: live.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  const old = isObj(rs.status) ? rs.status : {};
  if (JSON.stringify({ ...old, ...status }) !== JSON.stringify(old)) env.write({ ...rs, status: { ...old, ...status } });
}

/** ReplicaSet → pods. Pending while any RS has not reached its replica count with ready pods. */
export function replicaSetController(env: ControllerEnv): boolean {
  let pending = false;
  for (const rs of env.list('apps/v1', 'ReplicaSet')) {
    syncReplicaSet(env, rs);
    const fresh = env.api.store.get(env.type('apps/v1', 'ReplicaSet'), rs.metadata.namespace, rs.metadata.name);
    const st = (fresh?.status ?? {}) as { replicas?: number };
    if ((st.replicas ?? 0) !== ((rs.spec as RsSpec).replicas ?? 1)) pending = true;
  }
  return pending;
}
