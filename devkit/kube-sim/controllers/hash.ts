import type { PodTemplate } from '../types.js';
import { clone, isObj, stableStringify } from '../types.js';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
export const HASH_LABEL = 'pod-template-hash';

function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** Encode like apimachinery's SafeEncodeString over the decimal hash: no vowels, no look-alikes. */
function safeEncode(text: string): string {
  return [...text].map((ch) => SAFE[ch.charCodeAt(0) % SAFE.length]).join('');
}

/**
 * Drop nulls and empty maps/lists: the controllers compare templates with apimachinery's semantic
 * equality, where `creationTimestamp: null` (which kubectl sends back on rollback) equals absent.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === null ? undefined : value;
}

export function stripHashLabel(template: PodTemplate): PodTemplate {
  const t = (normalize(clone(template)) ?? { spec: { containers: [] } }) as PodTemplate;
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** A stable hash of anything JSON (the controllers' ComputeHash, with our own serialisation). */
export function computeHash(value: unknown, collisionCount = 0): string {
  return safeEncode(String(fnv32a(`${stableStringify(value)}#${collisionCount}`)));
}

export function templateHash(template: PodTemplate): string {
  return computeHash(stripHashLabel(template));
}

export function sameTemplate(a: PodTemplate, b: PodTemplate): boolean {
  return stableStringify(stripHashLabel(a)) === stableStringify(stripHashLabel(b));
}
