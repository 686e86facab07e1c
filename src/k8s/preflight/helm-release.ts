import { parseAllDocuments } from 'yaml';
import type { KObject } from '../objects/k8s-object.js';
import { HELM_RELEASE_TYPE } from '../helm/release-record.js';

// The decoder is shared with owners, history and Helm operations; preflight keeps its old names.
export { decodeReleaseData, releaseFromSecret, HELM_RELEASE_TYPE, type HelmRelease } from '../helm/release-record.js';

/** One document of a rendered manifest, as far as API removals care. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
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
