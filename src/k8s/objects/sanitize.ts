import { createHash } from 'node:crypto';
import { isSensitiveName, REDACTED, redactText } from './redaction.js';

/**
 * The one sanitiser every rendered object and every diff passes through before a view, a file or
 * a log sees it. It walks any shape (whole objects, pod templates, pod specs, fragments), so a
 * caller cannot pick the "wrong" entry point for the shape it holds.
 */
export interface Sanitizer {
  /** A deep copy with literal env values masked, references reduced to their shape, and manifests dropped. */
  value<T>(value: T): T;
}

export interface SanitizerOptions {
  /**
   * Env var names whose literal values may be shown (config `debug.showEnv`). Everything else is
   * masked, and a name that looks like a credential stays masked even when listed.
   */
  showEnv?: readonly string[];
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

// last-applied-configuration embeds the whole manifest, env values included.
const DROPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
// Secret data (and stringData, as Helm charts write it) is never shown; a ControllerRevision's data is a whole template snapshot.
const DATA_FREE_KINDS = new Set(['Secret', 'ControllerRevision']);

/** A short fingerprint so two masked values can be compared without showing either. */
export function maskedValue(value: string): string {
  return `‹masked sha256:${createHash('sha256').update(value).digest('hex').slice(0, 6)}›`;
}

export function createSanitizer(options: SanitizerOptions = {}): Sanitizer {
  const shown = new Set(options.showEnv ?? []);
  const mayShow = (name: string) => shown.has(name) && !isSensitiveName(name);
  const envVar = (e: EnvVar): EnvVar => {
    if (e.valueFrom !== undefined) return { name: e.name, valueFrom: describeRef(e.valueFrom) };
    if (e.value === undefined) return { name: e.name };
    return { name: e.name, value: mayShow(e.name) ? e.value : maskedValue(e.value) };
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const obj = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(obj)) {
      if (key === 'managedFields') continue;
      if ((key === 'data' || key === 'stringData') && DATA_FREE_KINDS.has(String(obj['kind']))) continue;
      out[key] = sanitizeField(key, child, walk, envVar);
    }
    return out;
  };
  return { value: <T>(value: T): T => walk(value) as T };
}

function sanitizeField(key: string, child: unknown, walk: (v: unknown) => unknown, envVar: (e: EnvVar) => EnvVar): unknown {
  if (key === 'env' && Array.isArray(child)) return child.map((e) => (isEnvVar(e) ? envVar(e) : walk(e)));
  if ((key === 'command' || key === 'args') && Array.isArray(child)) return child.map((s) => (typeof s === 'string' ? redactText(s) : walk(s)));
  if (key === 'annotations' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
    return Object.fromEntries(Object.entries(child).map(([k, a]) => [k, DROPPED_ANNOTATIONS.has(k) ? REDACTED : a]));
  }
  return walk(child);
}

function isEnvVar(e: unknown): e is EnvVar {
  return e !== null && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string';
}

// A reference keeps its shape (which Secret or ConfigMap key) but never a value: Shipmate never resolves it.
function describeRef(ref: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [kind, v] of Object.entries(ref)) {
    if (v && typeof v === 'object') {
      const { name, key, fieldPath, resource } = v as Record<string, unknown>;
      out[kind] = Object.fromEntries(Object.entries({ name, key, fieldPath, resource }).filter(([, x]) => x !== undefined));
    }
  }
  return out;
}
