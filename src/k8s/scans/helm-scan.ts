import type { Logger } from 'pino';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { ScanClients } from './clients.js';
import type { ClusterScanResult, Finding, HelmThresholds } from './finding.js';
import { DEFAULT_PAGE_SIZE, paginate } from '../client/paginate.js';
import { translateApiError } from '../client/api-errors.js';
import { releaseTroubles, revisionLabelOf, type ReleaseTrouble, type RevisionLabel } from '../helm/release-health.js';

/** One environment on the scanned cluster: its name (for the message) and namespace (where its releases live). */
export interface HelmScanPlace {
  environment: string;
  namespace: string;
}

export interface HelmScanOptions {
  cluster: string;
  places: readonly HelmScanPlace[];
  thresholds: HelmThresholds;
  now: Date;
  pageSize?: number;
  logger?: Logger;
}

/**
 * Helm release hygiene for the environments on one cluster, from the labels of Helm's own release
 * records (the reader preflight uses): a release whose latest revision `failed`, or one stuck in
 * `pending-*` for longer than the threshold (younger ones may be an upgrade still running).
 * Never throws: failure is `{ ok: false }`.
 */
export async function scanHelmReleases(clients: ScanClients, options: HelmScanOptions): Promise<ClusterScanResult> {
  const { cluster } = options;
  const limit = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const query = (namespace: string, cont: string | undefined) => ({ namespace, labelSelector: 'owner=helm', limit, ...(cont ? { _continue: cont } : {}) });
  try {
    const findings: Finding[] = [];
    let scanned = 0;
    for (const place of uniquePlaces(options.places)) {
      const revisions: RevisionLabel[] = [];
      for await (const page of paginate<V1Secret>((c) => clients.core.listNamespacedSecret(query(place.namespace, c)))) revisions.push(...labels(page));
      for await (const page of paginate<V1ConfigMap>((c) => clients.core.listNamespacedConfigMap(query(place.namespace, c)))) revisions.push(...labels(page));
      scanned += new Set(revisions.map((r) => r.release)).size;
      for (const trouble of releaseTroubles(revisions)) {
        const finding = findingOf(trouble, cluster, place, options);
        if (finding) findings.push(finding);
      }
    }
    return { ok: true, cluster, findings, scanned, notes: [] };
  } catch (err) {
    options.logger?.warn({ err, cluster }, 'helm release scan failed');
    return { ok: false, cluster, reason: translateApiError(err, { verb: 'list', resource: 'Helm release records (secrets, configmaps)' }).userMessage };
  }
}

// Two environments may share a namespace; its releases are reported once, named after both.
function uniquePlaces(places: readonly HelmScanPlace[]): HelmScanPlace[] {
  const byNamespace = new Map<string, string[]>();
  for (const p of places) byNamespace.set(p.namespace, [...(byNamespace.get(p.namespace) ?? []), p.environment]);
  return [...byNamespace].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, envs]) => ({ namespace, environment: envs.sort().join(', ') }));
}

function labels(items: readonly (V1Secret | V1ConfigMap)[]): RevisionLabel[] {
  return items.flatMap((item) => {
    const created = item.metadata?.creationTimestamp;
    const metadata = { labels: item.metadata?.labels ?? {}, ...(created ? { creationTimestamp: new Date(created).toISOString() } : {}) };
    return revisionLabelOf({ metadata }) ?? [];
  });
}

function findingOf(t: ReleaseTrouble, cluster: string, place: HelmScanPlace, options: HelmScanOptions): Finding | undefined {
  const base = { cluster, namespace: place.namespace, object: `helm-release/${t.release}` };
  const key = `helm/${place.namespace}/${t.release}/${t.version}`;
  if (!t.blocking) return { ...base, key, severity: 'warn', summary: `(environment ${place.environment}) ${t.text}` };
  const ageMs = t.changedAt === undefined ? Infinity : options.now.getTime() - t.changedAt;
  if (ageMs < options.thresholds.pendingAfterMs) return undefined;
  const since = t.changedAt === undefined ? '' : ` since ${new Date(t.changedAt).toISOString()}`;
  return { ...base, key, severity: 'critical', summary: `(environment ${place.environment}) ${t.text}${since}` };
}
