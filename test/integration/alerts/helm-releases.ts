import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';

type Raw = Record<string, unknown>;

/**
 * Leaves a release the way an interrupted (or failed) `helm upgrade` does: a new record
 * `sh.helm.release.v1.<rel>.v<N+1>` written with Create (label createdAt, no modifiedAt) whose
 * status is `status`, the previous `deployed` revision untouched. The payload is Helm's own:
 * gzip of the release JSON, base64, stored in the Secret's data (so base64 once more on the wire).
 */
export async function writeInterruptedRevision(sim: KubeSim, namespace: string, release: string, status: string, createdAtMs: number): Promise<number> {
  const cluster = sim.cluster('dev');
  const records = cluster.list('v1', 'Secret', namespace).filter((s) => s.metadata.labels?.['owner'] === 'helm' && s.metadata.labels['name'] === release);
  const latest = records.sort((a, b) => Number(b.metadata.labels?.['version']) - Number(a.metadata.labels?.['version']))[0];
  if (!latest) throw new Error(`no release ${release} in ${namespace}`);
  const payload = Buffer.from((latest as unknown as { data: { release: string } }).data.release, 'base64').toString('latin1');
  const record = JSON.parse(gunzip(payload)) as Raw;
  const version = Number(record['version']) + 1;
  const info = { ...(record['info'] as Raw), status, description: status === 'failed' ? 'Upgrade "x" failed: simulated' : 'Preparing upgrade' };
  const next = { ...record, version, info };
  const helmPayload = gzipSync(Buffer.from(JSON.stringify(next))).toString('base64');
  await cluster.create({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${release}.v${version}`,
      namespace,
      labels: { name: release, owner: 'helm', status, version: String(version), createdAt: String(Math.floor(createdAtMs / 1000)) },
    },
    data: { release: Buffer.from(helmPayload).toString('base64') },
  });
  return version;
}

function gunzip(helmPayload: string): string {
  const bytes = Buffer.from(helmPayload, 'base64');
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}
