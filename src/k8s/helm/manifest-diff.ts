import { parseAllDocuments } from 'yaml';
import type { KObject } from '../objects/k8s-object.js';
import type { Sanitizer } from '../objects/sanitize.js';
import { yamlDiff } from '../objects/spec-diff.js';

/** The objects of a rendered manifest, in a stable order (kind, then name), so a diff shows changes only. */
export function manifestDocuments(manifest: string): KObject[] {
  const docs: KObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) continue;
    const value: unknown = doc.toJS();
    if (value && typeof value === 'object' && !Array.isArray(value)) docs.push(value as KObject);
  }
  const key = (o: KObject): string => `${o.kind ?? ''}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  return docs.sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * A unified diff of two revisions' rendered objects. Everything passes the one sanitiser: Secret
 * data is dropped and literal env values are masked, as in every other diff Shipmate shows.
 */
export function manifestDiff(sanitizer: Sanitizer, label: string, before: string, after: string): string {
  return yamlDiff(sanitizer, label, manifestDocuments(before), manifestDocuments(after));
}
