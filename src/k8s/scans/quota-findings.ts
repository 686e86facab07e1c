import type { V1ResourceQuota } from '@kubernetes/client-node';
import type { Finding, QuotaThresholds, Severity } from './finding.js';
import { formatQuantity, tryParseQuantity } from './quantity.js';

/**
 * Findings for one ResourceQuota: every key of `status.hard` compared with `status.used` in exact
 * nano-units. Keys without a `used` value are skipped (the quota controller has not synced yet).
 */
export function findingsForResourceQuota(quota: V1ResourceQuota, cluster: string, thresholds: QuotaThresholds): Finding[] {
  const namespace = quota.metadata?.namespace ?? '';
  const name = quota.metadata?.name ?? '';
  const base = { cluster, namespace, object: `resourcequota/${name}` };
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const findings: Finding[] = [];
  for (const [resource, hardText] of Object.entries(hard)) {
    const usedText = used[resource];
    if (usedText === undefined) continue;
    const key = `quota/${namespace}/${name}/${resource}`;
    const h = tryParseQuantity(hardText);
    const u = tryParseQuantity(usedText);
    if (!h || !u) {
      const summary = `${resource}: unparsable quantity (used ${JSON.stringify(usedText)}, hard ${JSON.stringify(hardText)})`;
      findings.push({ ...base, key, severity: 'warn', summary });
      continue;
    }
    const verdict = judge(u.nano, h.nano, thresholds);
    if (!verdict) continue;
    const summary = `${resource} ${formatQuantity(u)} of ${formatQuantity(h)} (${verdict.text})`;
    findings.push({ ...base, key, severity: verdict.severity, summary });
  }
  return findings;
}

/** Basis points of used/hard, floored; BigInt so `8Ei` quotas don't lose precision. */
export function usageBasisPoints(used: bigint, hard: bigint): bigint {
  return (used * 10_000n) / hard;
}

function judge(used: bigint, hard: bigint, t: QuotaThresholds): { severity: Severity; text: string } | undefined {
  // A zero hard limit forbids the resource on purpose; only using it anyway is a problem.
  if (hard <= 0n) return used > 0n ? { severity: 'critical', text: 'over quota' } : undefined;
  const bp = usageBasisPoints(used, hard);
  const percent = `${Number(bp) / 100}%`;
  if (used > hard) return { severity: 'critical', text: `${percent}, over quota` };
  if (bp >= BigInt(Math.round(t.criticalPercent * 100))) return { severity: 'critical', text: percent };
  if (bp >= BigInt(Math.round(t.warnPercent * 100))) return { severity: 'warn', text: percent };
  return undefined;
}
