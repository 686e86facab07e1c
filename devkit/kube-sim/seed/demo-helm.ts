import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import type { SimCluster } from '../cluster.js';
import { HELM_API_RECORDS } from './helm-api-records.js';

interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** The latest revision's rendered manifest: base64 (Secret) of base64 (Helm) of gzip of JSON. */
function latestManifest(): string {
  const latest = [...HELM_API_RECORDS].sort((a, b) => Number(b.labels['version']) - Number(a.labels['version']))[0];
  if (!latest) return '';
  const helm = Buffer.from(Buffer.from(latest.release, 'base64').toString('latin1'), 'base64');
  return (JSON.parse(gunzipSync(helm).toString('utf8')) as { manifest: string }).manifest;
}

/**
 * The Helm-owned demo app `helm-api` in `shop`: the release Secrets the real helm 3.17 wrote for
 * two revisions (scripts/helm-demo-records.ts), and the objects of the latest revision as helm
 * applies them (with the meta.helm.sh ownership annotations helm adds at apply time). helm itself
 * can then roll it back, upgrade it and show its history against kube-sim.
 */
export async function seedDemoHelm(cluster: SimCluster, namespace = 'shop'): Promise<void> {
  for (const r of HELM_API_RECORDS) {
    await cluster.create({ apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1', metadata: { name: r.name, namespace, labels: r.labels }, data: { release: r.release } });
  }
  for (const doc of parseAllDocuments(latestManifest())) {
    const obj = doc.toJS() as ManifestObject | null;
    if (!obj?.kind) continue;
    const annotations = { ...obj.metadata.annotations, 'meta.helm.sh/release-name': 'helm-api', 'meta.helm.sh/release-namespace': namespace };
    await cluster.create({ ...obj, metadata: { ...obj.metadata, namespace, annotations } });
  }
}
