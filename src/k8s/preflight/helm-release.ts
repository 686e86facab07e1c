import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../objects/k8s-object.js';

/** The parts of a Helm 3 release record that preflight reads. */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  status: string;
  chart: string;
  manifest: string;
}

/** One document of a rendered manifest, as far as API removals care. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
}

export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes `data.release` of a Helm 3 release Secret as read over REST: base64 (the Secret's own
 * encoding) of base64 (Helm's) of gzip (when the bytes start 1f 8b 08) of JSON. Throws on anything
 * that is not such a record.
 */
export function decodeReleaseData(data: string): HelmRelease {
  const inner = Buffer.from(Buffer.from(data, 'base64').toString('latin1'), 'base64');
  const isGzip = GZIP_MAGIC.every((b, i) => inner[i] === b);
  const json = (isGzip ? gunzipSync(inner) : inner).toString('utf8');
  const raw = JSON.parse(json) as Record<string, unknown>;
  const info = (raw['info'] ?? {}) as Record<string, unknown>;
  const meta = ((raw['chart'] as Record<string, unknown> | undefined)?.['metadata'] ?? {}) as Record<string, unknown>;
  if (typeof raw['name'] !== 'string') throw new Error('not a Helm release record (no name)');
  return {
    name: raw['name'],
    namespace: typeof raw['namespace'] === 'string' ? raw['namespace'] : '',
    version: typeof raw['version'] === 'number' ? raw['version'] : 0,
    status: typeof info['status'] === 'string' ? info['status'] : 'unknown',
    chart: [meta['name'], meta['version']].filter((p) => typeof p === 'string').join('-'),
    manifest: typeof raw['manifest'] === 'string' ? raw['manifest'] : '',
  };
}

/** The release in a Secret, or undefined when the Secret is not a Helm 3 release record. */
export function releaseFromSecret(secret: KObject): HelmRelease | undefined {
  if (secret['type'] !== HELM_RELEASE_TYPE) return undefined;
  const data = (secret['data'] as Record<string, unknown> | undefined)?.['release'];
  return typeof data === 'string' ? decodeReleaseData(data) : undefined;
}

/** What identifies a revision: from the record itself, or from the labels Helm puts on its Secret. */
export interface RevisionRef {
  name: string;
  version: number;
  status: string;
}

/**
 * Per release name, the revision Helm's next upgrade diffs against: the newest `deployed` one, else
 * the newest of any status (a first install that failed still leaves its manifest behind).
 */
export function currentReleases<T extends RevisionRef>(revisions: readonly T[]): T[] {
  const byName = new Map<string, T>();
  const better = (a: T, b: T): boolean => {
    const ad = a.status === 'deployed';
    const bd = b.status === 'deployed';
    return ad !== bd ? ad : a.version > b.version;
  };
  for (const r of revisions) {
    const held = byName.get(r.name);
    if (!held || better(r, held)) byName.set(r.name, r);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The revision a Helm release Secret holds, read from its labels (no decoding); undefined for other Secrets. */
export function revisionOfSecret(secret: KObject): (RevisionRef & { secret: KObject }) | undefined {
  const labels = secret.metadata?.labels ?? {};
  if (secret['type'] !== HELM_RELEASE_TYPE || !labels['name']) return undefined;
  return { name: labels['name'], version: Number(labels['version'] ?? 0) || 0, status: labels['status'] ?? 'unknown', secret };
}

/**
 * apiVersion/kind/name of every object in a rendered manifest (`---`-separated YAML). Documents
 * that do not parse or are not objects are skipped: a template comment must not hide the rest.
 */
export function manifestObjects(manifest: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) continue;
    const value: unknown = doc.toJS();
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const obj = value as KObject;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') continue;
    out.push({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name ?? '' });
  }
  return out;
}
