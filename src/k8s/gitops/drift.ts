import type { ClusterClients } from '../client/cluster-registry.js';
import { kubeCall } from '../client/kube-call.js';
import { CancelledError, NotFoundError, ShipmateError } from '../../core/errors.js';
import type { KObject } from '../objects/k8s-object.js';
import type { Sanitizer } from '../objects/sanitize.js';
import { yamlDiff } from '../objects/spec-diff.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ResourceId {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

const PLURAL: Record<string, string> = { Ingress: 'ingresses', NetworkPolicy: 'networkpolicies', PodDisruptionBudget: 'poddisruptionbudgets' };

export function resourcePath(r: ResourceId): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const plural = PLURAL[r.kind] ?? `${r.kind.toLowerCase()}s`;
  const ns = r.namespace ? `/namespaces/${encodeURIComponent(r.namespace)}` : '';
  return `${base}${ns}/${plural}/${encodeURIComponent(r.name)}`;
}

/** Flux inventory ids are `<ns>_<name>_<group>_<kind>` with the version beside them. */
export function parseInventoryId(id: string, version: string): ResourceId | undefined {
  const parts = id.split('_');
  if (parts.length !== 4) return undefined;
  const [namespace, name, group, kind] = parts as [string, string, string, string];
  return { namespace, name, group, kind, version };
}

/** The live object cut down to the fields the desired manifest sets (what apply would compare). */
function project(live: unknown, desired: unknown): unknown {
  if (Array.isArray(desired) && Array.isArray(live)) return live.map((l, i) => project(l, counterpart(l, desired, i)));
  if (desired === null || typeof desired !== 'object' || Array.isArray(desired)) return live;
  if (live === null || typeof live !== 'object' || Array.isArray(live)) return live;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(desired)) {
    const l = (live as Record<string, unknown>)[key];
    if (l !== undefined) out[key] = project(l, (desired as Record<string, unknown>)[key]);
  }
  return out;
}

/** The desired list element a live one answers to: same `name` (containers, ports, env), else same index. */
function counterpart(live: unknown, desired: unknown[], index: number): unknown {
  const name = (live as { name?: unknown } | null)?.name;
  if (typeof name === 'string') {
    const byName = desired.find((d) => (d as { name?: unknown } | null)?.name === name);
    if (byName !== undefined) return byName;
  }
  return desired[index];
}

export interface Drift {
  resource: ResourceId;
  /** Unified diff live → desired ('' when in sync), sanitised. */
  diff: string;
  /** Why no diff could be made (missing object, no record of what was applied). */
  note?: string;
}

/**
 * Live vs what the GitOps controller last applied (the last-applied configuration it records),
 * on the fields the manifest sets. Secret data is never shown (the sanitiser drops it).
 */
export async function driftOf(clients: ClusterClients, sanitizer: Sanitizer, r: ResourceId, signal?: AbortSignal): Promise<Drift> {
  let live: KObject;
  try {
    live = await kubeCall<KObject>(clients, { method: 'GET', path: resourcePath(r), ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof NotFoundError) return { resource: r, diff: '', note: 'missing in the cluster (Git has it)' };
    // One unreadable object (RBAC, an unknown kind) is said on its line; the others are still compared.
    if (err instanceof ShipmateError && !(err instanceof CancelledError)) return { resource: r, diff: '', note: `could not be read: ${err.userMessage}` };
    throw err;
  }
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  let desired: KObject | undefined;
  try {
    desired = text ? (JSON.parse(text) as KObject) : undefined;
  } catch {
    desired = undefined;
  }
  if (!desired) return { resource: r, diff: '', note: 'no record of what was applied (no last-applied configuration)' };
  const strip = (o: unknown): unknown => {
    const { metadata, status: _s, ...body } = (o ?? {}) as KObject & { status?: unknown };
    const { [LAST_APPLIED]: _drop, ...annotations } = metadata?.annotations ?? {};
    return { ...body, metadata: { labels: metadata?.labels ?? {}, annotations } };
  };
  const want = strip(desired);
  const label = `${r.kind.toLowerCase()}/${r.name}`;
  return { resource: r, diff: yamlDiff(sanitizer, label, project(strip(live), want), want) };
}
