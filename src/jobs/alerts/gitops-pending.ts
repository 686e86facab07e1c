import type { Redis } from 'ioredis';
import type { ClusterScanResult } from '../../k8s/scans/finding.js';

/**
 * GitOps states (OutOfSync, suspended …) alert only once they have lasted `afterMs`: a sync in
 * progress is not an incident. When each state was first seen is kept in one Redis hash, shared by
 * replicas (HSETNX keeps the earliest); a state no longer seen on a scanned cluster is forgotten.
 */
export async function holdBackYoungFindings(
  redis: Redis,
  key: string,
  results: readonly ClusterScanResult[],
  afterMs: number,
  now: number,
): Promise<ClusterScanResult[]> {
  const seen = await redis.hgetall(key);
  const present = new Set<string>();
  const out: ClusterScanResult[] = [];
  for (const r of results) {
    if (!r.ok) {
      out.push(r);
      continue;
    }
    const kept = [];
    for (const f of r.findings) {
      const field = `${r.cluster}|${f.key}`;
      present.add(field);
      if (seen[field] === undefined) {
        await redis.hsetnx(key, field, String(now));
        seen[field] = (await redis.hget(key, field)) ?? String(now);
      }
      if (now - Number(seen[field]) >= afterMs) kept.push(f);
    }
    out.push({ ...r, findings: kept });
  }
  const scanned = new Set(results.filter((r) => r.ok).map((r) => r.cluster));
  const gone = Object.keys(seen).filter((field) => scanned.has(field.split('|')[0] ?? '') && !present.has(field));
  if (gone.length) await redis.hdel(key, ...gone);
  return out;
}
