import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { blocker, warning, type CheckResult, type PreflightFinding } from './check-result.js';
import { selectorMatches, type LabelSelector } from './label-selector.js';

interface PdbSpec {
  selector?: LabelSelector | null;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

interface PdbStatus {
  disruptionsAllowed?: number;
  expectedPods?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
}

const nameOf = (o: KObject): string => o.metadata?.name ?? '?';

/** Why a PDB lets no pod go, from its status (as the disruption controller computed it) or, before that, its spec. */
function zeroDisruptions(pdb: KObject): string | undefined {
  const spec = (pdb['spec'] ?? {}) as PdbSpec;
  const status = pdb['status'] as PdbStatus | undefined;
  if (typeof status?.disruptionsAllowed === 'number') {
    if (status.disruptionsAllowed > 0 || (status.expectedPods ?? 0) === 0) return undefined;
    return `${status.currentHealthy ?? 0} healthy of ${status.expectedPods ?? 0} expected pods, ${status.desiredHealthy ?? 0} required`;
  }
  if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') return `maxUnavailable: ${String(spec.maxUnavailable)}`;
  if (spec.minAvailable === '100%') return 'minAvailable: 100%';
  return undefined;
}

const replicasOf = (w: KObject): number => (w['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
const podLabels = (w: KObject): Record<string, string> => (w['spec'] as { template?: PodTemplate } | undefined)?.template?.metadata?.labels ?? {};

/**
 * PodDisruptionBudget coverage for node drains during an upgrade: PDBs that allow no disruption
 * (a drain of their pods' nodes waits until it times out) and replicated workloads no PDB protects
 * (a drain may evict all their pods at once).
 */
export function checkPdbCoverage(workloads: readonly KObject[], pdbs: readonly KObject[]): CheckResult {
  const findings: PreflightFinding[] = [];
  for (const pdb of pdbs) {
    const why = zeroDisruptions(pdb);
    if (why) findings.push(blocker(`poddisruptionbudget/${nameOf(pdb)} allows 0 disruptions (${why}): draining a node with its pods will block`));
  }
  const replicated = workloads.filter((w) => replicasOf(w) > 1);
  for (const w of replicated) {
    const labels = podLabels(w);
    const covered = pdbs.some((p) => selectorMatches(((p['spec'] ?? {}) as PdbSpec).selector, labels));
    if (!covered) {
      findings.push(warning(`${(w.kind ?? 'workload').toLowerCase()}/${nameOf(w)} (${replicasOf(w)} replicas) has no PodDisruptionBudget: a node drain may evict all its pods at once`));
    }
  }
  return {
    title: 'PodDisruptionBudgets',
    findings,
    notes: [`${pdbs.length} PodDisruptionBudget(s); ${replicated.length} workload(s) with more than one replica`],
  };
}
