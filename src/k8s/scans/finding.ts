/** How bad a finding is; the alert state machine only ever moves ok → warn → critical upward. */
export type Severity = 'warn' | 'critical';

/**
 * One problem found by a hygiene scan. `key` is stable across runs for the same problem on the
 * same object (it never contains times or serials), because alert state is kept per key.
 */
export interface Finding {
  key: string;
  severity: Severity;
  cluster: string;
  /** '' for cluster-scoped subjects such as the API server. */
  namespace: string;
  /** What the finding is about, e.g. `secret/api-tls` or `resourcequota/compute`. */
  object: string;
  /** One line, e.g. `leaf CN=api.example.com expires in 3 days (2026-12-01)`. */
  summary: string;
  /** Workloads the finding is about (GitOps: what the owner deploys), so alerts can offer commands on the app. */
  workloads?: { kind: string; name: string }[];
}

/** Per-cluster scan outcome: one dead cluster is a value, not an exception that hides the others. */
export type ClusterScanResult =
  | { ok: true; cluster: string; findings: Finding[]; scanned: number; notes: string[] }
  | { ok: false; cluster: string; reason: string };

export interface CertThresholds {
  warnDays: number;
  criticalDays: number;
}

export interface QuotaThresholds {
  warnPercent: number;
  criticalPercent: number;
  /** Namespaces whose quotas, and missing ResourceQuota/LimitRange, are never reported (default: the kube-* system ones). */
  ignoreNamespaces?: readonly string[];
}

/** `secret/x in prod-eu/shop: …`, the line used in alerts and on-demand answers. */
export function describeFinding(f: Finding): string {
  const where = f.namespace ? `${f.cluster}/${f.namespace}` : f.cluster;
  return `${f.object} in ${where}: ${f.summary}`;
}

const ORDER: Record<Severity, number> = { critical: 0, warn: 1 };

/** Critical first, then by cluster, namespace, object: stable output for messages and tests. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      a.cluster.localeCompare(b.cluster) ||
      a.namespace.localeCompare(b.namespace) ||
      a.key.localeCompare(b.key),
  );
}
