import type { KubeObject, PodTemplate, Toleration } from '../types.js';
import type { ControllerEnv } from './env.js';
import { intOrPercent } from './pdb.js';
import { podFromTemplate } from './pod-factory.js';
import { isOwnedBy, isPodReady, isPodTerminal } from './pod-util.js';
import { currentRevision, pruneRevisions } from './revisions.js';
import { nodeReady, toleratesNode } from './scheduler.js';

interface DsSpec {
  template: PodTemplate;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
}

const HASH_LABEL = 'controller-revision-hash';
/** Tolerations the DaemonSet controller adds to every daemon pod. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** DaemonSet → one pod per eligible node, ControllerRevisions, RollingUpdate one node at a time. */
export class DaemonSetController {
  readonly run = (env: ControllerEnv): boolean => {
    for (const ds of env.list('apps/v1', 'DaemonSet')) this.sync(env, ds);
    return false;
  };

  private eligible(env: ControllerEnv, ds: KubeObject): KubeObject[] {
    const spec = ds.spec as DsSpec;
    const tolerations = [...(spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
    const selector = (spec.template.spec.nodeSelector ?? {}) as Record<string, string>;
    return env
      .list('v1', 'Node')
      .filter((n) => nodeReady(n) && toleratesNode(n, tolerations) && Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
  }

  private sync(env: ControllerEnv, ds: KubeObject): void {
    const spec = ds.spec as DsSpec;
    const podType = env.type('v1', 'Pod');
    const rev = currentRevision(env, ds, spec.template);
    const hash = rev.metadata.labels?.['controller.kubernetes.io/hash'] ?? '';
    const nodes = this.eligible(env, ds);
    const names = new Set(nodes.map((n) => n.metadata.name));
    let pods = this.pods(env, ds);
    for (const p of pods) if (!names.has(String((p.spec as { nodeName?: string }).nodeName))) env.api.store.delete(podType, p.metadata.namespace, p.metadata.name);
    for (const node of nodes) {
      if (pods.some((p) => (p.spec as { nodeName?: string }).nodeName === node.metadata.name)) continue;
      const pod = podFromTemplate(ds, spec.template, { generateName: `${ds.metadata.name}-` }, { [HASH_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) });
      const podSpec = pod.spec as { nodeName?: string; tolerations?: Toleration[] };
      podSpec.nodeName = node.metadata.name;
      podSpec.tolerations = [...(podSpec.tolerations ?? []), ...DAEMON_TOLERATIONS];
      const created = env.api.store.create(podType, pod);
      env.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'daemonset-controller');
    }
    pods = this.pods(env, ds);
    if (spec.updateStrategy?.type !== 'OnDelete') {
      const maxUnavailable = Math.max(1, intOrPercent(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.length, false));
      const unavailable = nodes.length - pods.filter(isPodReady).length;
      const stale = pods.filter((p) => p.metadata.labels?.[HASH_LABEL] !== hash);
      for (const p of stale.slice(0, Math.max(0, maxUnavailable - unavailable))) env.api.store.delete(podType, p.metadata.namespace, p.metadata.name);
    }
    this.writeStatus(env, ds, nodes.length, this.pods(env, ds), hash);
    pruneRevisions(env, ds, new Set([rev.metadata.name]));
  }

  private pods(env: ControllerEnv, ds: KubeObject): KubeObject[] {
    return env.list('v1', 'Pod', ds.metadata.namespace).filter((p) => isOwnedBy(p, ds) && !isPodTerminal(p));
  }

  private writeStatus(env: ControllerEnv, ds: KubeObject, desired: number, pods: KubeObject[], hash: string): void {
    const ready = pods.filter(isPodReady).length;
    const status = {
      currentNumberScheduled: pods.length,
      numberMisscheduled: 0,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash).length,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
    };
    const fresh = env.api.store.get(env.type('apps/v1', 'DaemonSet'), ds.metadata.namespace, ds.metadata.name) ?? ds;
    if (JSON.stringify(status) !== JSON.stringify(fresh.status)) env.write({ ...fresh, status });
  }
}
