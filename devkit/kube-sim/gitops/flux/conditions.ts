import { now } from '../context.js';

/** A metav1.Condition as Flux writes them (with observedGeneration). */
export interface FluxCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}

export const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

/** Set one condition; lastTransitionTime moves only when the status flips (apimachinery's SetStatusCondition). */
export function setCondition(list: FluxCondition[] | undefined, next: Omit<FluxCondition, 'lastTransitionTime'>): FluxCondition[] {
  const prev = (list ?? []).find((c) => c.type === next.type);
  const lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : now();
  return [...(list ?? []).filter((c) => c.type !== next.type), { ...next, lastTransitionTime }];
}

export function removeCondition(list: FluxCondition[] | undefined, type: string): FluxCondition[] {
  return (list ?? []).filter((c) => c.type !== type);
}

/** Flux's ordering: Ready first, then Reconciling/Stalled, then the rest. */
export function ordered(list: FluxCondition[]): FluxCondition[] {
  const rank = (t: string): number => ['Ready', 'Reconciling', 'Stalled'].indexOf(t) + 1 || 9;
  return [...list].sort((a, b) => rank(a.type) - rank(b.type));
}

/** A Go time.Duration string for a span in ms ("850ms", "1.234s"). */
export function goDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
