import type { Container, KObject, PodSpec } from './k8s-object.js';
import { REDACTED, redactEnv, redactText } from './redaction.js';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
// last-applied-configuration embeds the whole manifest, env values included.
const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

function sanitizeContainer(c: Container): Container {
  const out: Container = { ...c };
  if (c.env) out.env = redactEnv(c.env);
  for (const key of ['command', 'args'] as const) {
    const v = c[key];
    if (Array.isArray(v)) out[key] = v.map((s) => (typeof s === 'string' ? redactText(s) : s));
  }
  return out;
}

export function sanitizePodSpec(spec: PodSpec | undefined): PodSpec | undefined {
  if (!spec) return spec;
  const out: PodSpec = { ...spec };
  for (const list of CONTAINER_LISTS) {
    const cs = spec[list] as Container[] | undefined;
    if (Array.isArray(cs)) out[list] = cs.map(sanitizeContainer);
  }
  return out;
}

/**
 * An object fit for a capture bundle: env values masked (valueFrom references keep only their
 * shape), managedFields and last-applied-configuration dropped, pod specs and templates cleaned.
 */
export function sanitizeObject(obj: KObject): KObject {
  const copy = structuredClone(obj);
  if (copy.metadata) {
    delete (copy.metadata as Record<string, unknown>)['managedFields'];
    if (copy.metadata.annotations) {
      for (const a of DROPPED_ANNOTATIONS) if (a in copy.metadata.annotations) copy.metadata.annotations[a] = REDACTED;
    }
  }
  const spec = copy['spec'] as (PodSpec & { template?: { spec?: PodSpec | undefined; metadata?: unknown } }) | undefined;
  if (spec) {
    if (copy.kind === 'Pod') copy['spec'] = sanitizePodSpec(spec);
    else if (spec.template) spec.template = { ...spec.template, spec: sanitizePodSpec(spec.template.spec) };
  }
  if (copy.kind === 'ControllerRevision' || copy.kind === 'Secret') delete copy['data'];
  return copy;
}
