import type { Logger } from 'pino';
import { SYSTEM_NAMESPACES } from '../../core/system-namespaces.js';
import type { V1LimitRange, V1Namespace, V1ResourceQuota } from '@kubernetes/client-node';
import type { ScanClients } from './clients.js';
import type { ClusterScanResult, Finding, QuotaThresholds } from './finding.js';
import { DEFAULT_PAGE_SIZE, paginate } from '../client/paginate.js';
import { findingsForResourceQuota } from './quota-findings.js';
import { translateApiError } from '../client/api-errors.js';

export interface QuotaScanOptions {
  cluster: string;
  thresholds: QuotaThresholds;
  /** LIST page size (≤ 500). */
  pageSize?: number;
  /** Gets the full error of a failed scan; the result only carries a short, Slack-safe reason. */
  logger?: Logger;
}

/** System namespaces that normally carry neither quota nor limits. */
export const DEFAULT_IGNORED_NAMESPACES = SYSTEM_NAMESPACES;

/**
 * Quota hygiene for one cluster: every ResourceQuota key near or over its limit, and namespaces
 * that have no ResourceQuota or no LimitRange at all. Never throws: failure is `{ ok: false }`.
 */
export async function scanQuotas(clients: ScanClients, options: QuotaScanOptions): Promise<ClusterScanResult> {
  const { cluster, thresholds } = options;
  const limit = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const page = (cont: string | undefined) => ({ limit, ...(cont ? { _continue: cont } : {}) });
  try {
    const findings: Finding[] = [];
    const withQuota = new Set<string>();
    const withLimits = new Set<string>();
    let scanned = 0;
    const ignored = new Set(thresholds.ignoreNamespaces ?? DEFAULT_IGNORED_NAMESPACES);
    for await (const quotas of paginate<V1ResourceQuota>((c) => clients.core.listResourceQuotaForAllNamespaces(page(c)))) {
      for (const quota of quotas) {
        const namespace = quota.metadata?.namespace ?? '';
        withQuota.add(namespace);
        if (ignored.has(namespace)) continue;
        scanned += 1;
        findings.push(...findingsForResourceQuota(quota, cluster, thresholds));
      }
    }
    for await (const ranges of paginate<V1LimitRange>((c) => clients.core.listLimitRangeForAllNamespaces(page(c)))) {
      for (const range of ranges) withLimits.add(range.metadata?.namespace ?? '');
    }
    for await (const namespaces of paginate<V1Namespace>((c) => clients.core.listNamespace(page(c)))) {
      for (const ns of namespaces) {
        const name = ns.metadata?.name ?? '';
        if (ignored.has(name) || ns.status?.phase === 'Terminating') continue;
        findings.push(...missingGuards(cluster, name, withQuota.has(name), withLimits.has(name)));
      }
    }
    return { ok: true, cluster, findings, scanned, notes: [] };
  } catch (err) {
    options.logger?.warn({ err, cluster: options.cluster }, 'quota scan failed');
    return { ok: false, cluster, reason: translateApiError(err, { verb: 'list', resource: 'resourcequotas, limitranges and namespaces' }).userMessage };
  }
}

function missingGuards(cluster: string, namespace: string, hasQuota: boolean, hasLimits: boolean): Finding[] {
  const base = { cluster, namespace, object: `namespace/${namespace}`, severity: 'warn' as const };
  const out: Finding[] = [];
  if (!hasQuota) out.push({ ...base, key: `quota/${namespace}/missing-resourcequota`, summary: 'no ResourceQuota' });
  if (!hasLimits) out.push({ ...base, key: `quota/${namespace}/missing-limitrange`, summary: 'no LimitRange' });
  return out;
}
