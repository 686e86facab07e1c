import type { KObject, PodSpec } from '../objects/k8s-object.js';
import { controllerOf } from '../objects/k8s-object.js';

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * kubectl drain's verdict for one pod with Shipmate's fixed flags: --ignore-daemonsets and
 * --delete-emptydir-data on, --force off.
 */
export type PodVerdict =
  | { action: 'evict'; warning?: string }
  | { action: 'skip'; warning?: string }
  | { action: 'fatal'; reason: string };

const finished = (pod: KObject): boolean => {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

/** The filters in kubectl's order (pkg/drain/filters.go): DaemonSet, mirror, local storage, unreplicated. */
export function classifyPod(pod: KObject): PodVerdict {
  const owner = controllerOf(pod);
  let warning: string | undefined;
  if (owner?.kind === 'DaemonSet' && !finished(pod)) {
    return { action: 'skip', warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) return { action: 'skip' };
  const spec = pod['spec'] as PodSpec | undefined;
  if (!finished(pod) && (spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) {
    warning = 'deleting Pods with local storage';
  }
  if (!finished(pod) && owner === undefined) {
    return { action: 'fatal', reason: 'cannot delete Pods that declare no controller (use --force to override)' };
  }
  return warning === undefined ? { action: 'evict' } : { action: 'evict', warning };
}

export interface DrainSelection {
  evict: KObject[];
  /** kubectl's grouped messages, e.g. `ignoring DaemonSet-managed Pods: ns/a, ns/b`. */
  warnings: string[];
  /** Non-empty means: evict nothing. */
  errors: string[];
}

/** Applies the filters to a node's pods and groups messages the way kubectl prints them. */
export function selectPodsToEvict(pods: KObject[]): DrainSelection {
  const evict: KObject[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const pod of pods) {
    const id = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
    const v = classifyPod(pod);
    if (v.action === 'fatal') push(errors, v.reason, id);
    else if (v.warning !== undefined) push(warnings, v.warning, id);
    if (v.action === 'evict') evict.push(pod);
  }
  const render = (m: Map<string, string[]>): string[] => [...m].map(([k, ids]) => `${k}: ${ids.join(', ')}`);
  return { evict, warnings: render(warnings), errors: render(errors) };
}

function push(m: Map<string, string[]>, key: string, id: string): void {
  const list = m.get(key) ?? [];
  list.push(id);
  m.set(key, list);
}
