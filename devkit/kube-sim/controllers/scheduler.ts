import type { Condition, KubeObject, PodSpec, Toleration } from '../types.js';
import { isObj } from '../types.js';
import { isPodTerminal } from './pod-util.js';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export function nodeReady(node: KubeObject): boolean {
  const conditions = isObj(node.status) ? ((node.status.conditions as Condition[] | undefined) ?? []) : [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Whether a pod with these tolerations may run on the node (NoSchedule/NoExecute taints only). */
export function toleratesNode(node: KubeObject, tolerations: Toleration[] = []): boolean {
  const taints = (isObj(node.spec) ? (node.spec.taints as Taint[] | undefined) : undefined) ?? [];
  return taints.filter((t) => t.effect !== 'PreferNoSchedule').every((t) => tolerates(tolerations, t));
}

function nodeSelectorMatches(node: KubeObject, spec: PodSpec): boolean {
  const selector = (spec.nodeSelector ?? {}) as Record<string, string>;
  return Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v);
}

/** Pick the Ready, schedulable, tolerated node running the fewest pods (ties by name). */
export function pickNode(pod: KubeObject, nodes: KubeObject[], pods: KubeObject[]): KubeObject | undefined {
  const spec = pod.spec as PodSpec;
  const candidates = nodes.filter(
    (n) => nodeReady(n) && !(isObj(n.spec) && n.spec.unschedulable) && toleratesNode(n, spec.tolerations) && nodeSelectorMatches(n, spec),
  );
  const load = (n: KubeObject): number => pods.filter((p) => (p.spec as PodSpec).nodeName === n.metadata.name && !isPodTerminal(p)).length;
  return candidates.sort((a, b) => load(a) - load(b) || (a.metadata.name < b.metadata.name ? -1 : 1))[0];
}
