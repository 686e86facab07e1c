import { selectorMatches } from '../selectors.js';
import type { Condition, KubeObject, LabelSelector, Obj } from '../types.js';
import { isObj } from '../types.js';
import { isPodReady, isPodTerminal } from './pod-util.js';

/** Resolve an int-or-percent against a total (percent rounds up, as the disruption controller does). */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const exact = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export interface PdbStatus {
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

export function pdbSelects(pdb: KubeObject, pod: KubeObject): boolean {
  const spec = isObj(pdb.spec) ? pdb.spec : {};
  if (pdb.metadata.namespace !== pod.metadata.namespace) return false;
  const selector = spec.selector as LabelSelector | undefined;
  if (!selector || (!selector.matchLabels && !selector.matchExpressions)) return false;
  return selectorMatches(selector, pod.metadata.labels);
}

/** The disruption controller's arithmetic over the pods a PDB selects. */
export function computePdbStatus(pdb: KubeObject, pods: KubeObject[]): PdbStatus {
  const spec = isObj(pdb.spec) ? pdb.spec : {};
  const selected = pods.filter((p) => pdbSelects(pdb, p) && !isPodTerminal(p) && !p.metadata.deletionTimestamp);
  const expectedPods = selected.length;
  const currentHealthy = selected.filter(isPodReady).length;
  let desiredHealthy: number;
  if (spec.maxUnavailable !== undefined) desiredHealthy = Math.max(0, expectedPods - intOrPercent(spec.maxUnavailable, expectedPods, true));
  else desiredHealthy = intOrPercent(spec.minAvailable ?? 1, expectedPods, true);
  return { expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy) };
}

export function pdbStatusObject(pdb: KubeObject, computed: PdbStatus, now: string): Obj {
  const old = isObj(pdb.status) ? pdb.status : {};
  const allowed = computed.disruptionsAllowed > 0;
  const prev = ((old.conditions as Condition[] | undefined) ?? []).find((c) => c.type === 'DisruptionAllowed');
  const status = allowed ? 'True' : 'False';
  return {
    ...old,
    ...computed,
    observedGeneration: pdb.metadata.generation ?? 1,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status,
        reason: allowed ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: pdb.metadata.generation ?? 1,
        lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? now) : now,
      },
    ],
  };
}
