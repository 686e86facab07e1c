import type { KubeObject, PodTemplate } from '../types.js';
import { isObj } from '../types.js';
import type { ControllerEnv } from './env.js';
import { podFromTemplate } from './pod-factory.js';
import { isOwnedBy, isPodReady, isPodTerminal } from './pod-util.js';
import { currentRevision, ownedRevisions, pruneRevisions, templateOfRevision } from './revisions.js';

interface StsSpec {
  replicas: number;
  template: PodTemplate;
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
}

const REV_LABEL = 'controller-revision-hash';

function ordinal(sts: KubeObject, pod: KubeObject): number {
  return Number(pod.metadata.name.slice(sts.metadata.name.length + 1));
}

/** StatefulSet → ordered pods `<name>-0..n-1`, ControllerRevisions, RollingUpdate with partition. */
export class StatefulSetController {
  readonly run = (env: ControllerEnv): boolean => {
    for (const sts of env.list('apps/v1', 'StatefulSet')) this.sync(env, sts);
    return false;
  };

  private sync(env: ControllerEnv, sts: KubeObject): void {
    const spec = sts.spec as StsSpec;
    const podType = env.type('v1', 'Pod');
    const update = currentRevision(env, sts, spec.template);
    const status = isObj(sts.status) ? sts.status : {};
    const currentName = typeof status.currentRevision === 'string' && ownedRevisions(env, sts).some((r) => r.metadata.name === status.currentRevision) ? status.currentRevision : update.metadata.name;
    const current = ownedRevisions(env, sts).find((r) => r.metadata.name === currentName) ?? update;
    const partition = spec.updateStrategy?.type === 'OnDelete' ? spec.replicas : (spec.updateStrategy?.rollingUpdate?.partition ?? 0);
    const ordered = spec.podManagementPolicy !== 'Parallel';
    let pods = this.pods(env, sts);
    for (let i = 0; i < spec.replicas; i++) {
      if (pods.some((p) => ordinal(sts, p) === i)) continue;
      if (ordered && pods.some((p) => ordinal(sts, p) < i && !isPodReady(p))) break;
      const rev = i < partition ? current : update;
      const name = `${sts.metadata.name}-${i}`;
      const pod = podFromTemplate(sts, templateOfRevision(rev), { name }, { [REV_LABEL]: rev.metadata.name, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) });
      (pod.spec as Record<string, unknown>).hostname = name;
      if (spec.serviceName) (pod.spec as Record<string, unknown>).subdomain = spec.serviceName;
      env.api.store.create(podType, pod);
      env.events.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`, 'statefulset-controller');
      if (ordered) break;
    }
    pods = this.pods(env, sts);
    const excess = pods.filter((p) => ordinal(sts, p) >= spec.replicas).sort((a, b) => ordinal(sts, b) - ordinal(sts, a));
    for (const p of ordered ? excess.slice(0, 1) : excess) {
      env.api.store.delete(podType, p.metadata.namespace, p.metadata.name);
      env.events.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`, 'statefulset-controller');
    }
    pods = this.pods(env, sts);
    const allReady = pods.length === spec.replicas && pods.every(isPodReady);
    if (allReady && spec.updateStrategy?.type !== 'OnDelete') {
      const stale = pods.filter((p) => ordinal(sts, p) >= partition && p.metadata.labels?.[REV_LABEL] !== update.metadata.name).sort((a, b) => ordinal(sts, b) - ordinal(sts, a))[0];
      if (stale) env.api.store.delete(podType, stale.metadata.namespace, stale.metadata.name);
    }
    this.writeStatus(env, sts, this.pods(env, sts), current.metadata.name, update.metadata.name);
    pruneRevisions(env, sts, new Set([current.metadata.name, update.metadata.name]));
  }

  private pods(env: ControllerEnv, sts: KubeObject): KubeObject[] {
    return env.list('v1', 'Pod', sts.metadata.namespace).filter((p) => isOwnedBy(p, sts) && !isPodTerminal(p));
  }

  private writeStatus(env: ControllerEnv, sts: KubeObject, pods: KubeObject[], currentName: string, updateName: string): void {
    const spec = sts.spec as StsSpec;
    const ready = pods.filter(isPodReady).length;
    const updated = pods.filter((p) => p.metadata.labels?.[REV_LABEL] === updateName).length;
    const done = updated === spec.replicas && ready === spec.replicas && pods.length === spec.replicas;
    const current = done ? updateName : currentName;
    const status = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: pods.filter((p) => p.metadata.labels?.[REV_LABEL] === current).length,
      updatedReplicas: updated,
      currentRevision: current,
      updateRevision: updateName,
      collisionCount: 0,
    };
    const fresh = env.api.store.get(env.type('apps/v1', 'StatefulSet'), sts.metadata.namespace, sts.metadata.name) ?? sts;
    if (JSON.stringify(status) !== JSON.stringify(fresh.status)) env.write({ ...fresh, status });
  }
}
