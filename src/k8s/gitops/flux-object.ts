import { PatchStrategy } from '@kubernetes/client-node';
import type { ClusterClients } from '../client/cluster-registry.js';
import { FIELD_MANAGER, kubeCall } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { gitopsPath, type GitOpsKind } from './gitops-owner.js';
import { pollUntil, type PollOptions } from './poll.js';

/** The parts of a Flux Kustomization / HelmRelease / GitRepository Shipmate reads. */
export interface FluxCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export interface FluxObject extends KObject {
  spec?: { suspend?: boolean; sourceRef?: { kind?: string; name?: string; namespace?: string }; chart?: { spec?: { sourceRef?: { kind?: string; name?: string; namespace?: string } } }; [key: string]: unknown };
  status?: {
    conditions?: FluxCondition[];
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    lastHandledReconcileAt?: string;
    artifact?: { revision?: string };
    inventory?: { entries?: { id: string; v?: string }[] };
    history?: Record<string, unknown>[];
    observedGeneration?: number;
    [key: string]: unknown;
  };
}

export const RECONCILE_REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

export interface FluxRef {
  kind: Extract<GitOpsKind, 'Kustomization' | 'HelmRelease' | 'GitRepository'>;
  namespace: string;
  name: string;
}

export function fluxPath(ref: FluxRef): string {
  return gitopsPath(ref.kind, ref.namespace, ref.name);
}

export async function getFlux(clients: ClusterClients, ref: FluxRef, signal?: AbortSignal): Promise<FluxObject> {
  return kubeCall<FluxObject>(clients, { method: 'GET', path: fluxPath(ref), ...(signal ? { signal } : {}) });
}

export async function patchFlux(clients: ClusterClients, ref: FluxRef, body: unknown, signal?: AbortSignal): Promise<FluxObject> {
  return kubeCall<FluxObject>(clients, {
    method: 'PATCH', path: fluxPath(ref), query: { fieldManager: FIELD_MANAGER }, body, contentType: PatchStrategy.MergePatch, ...(signal ? { signal } : {}),
  });
}

export function readyOf(obj: FluxObject): FluxCondition | undefined {
  return obj.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The GitRepository (only source kind followed) a Kustomization or HelmRelease reads. */
export function sourceOf(obj: FluxObject, kind: FluxRef['kind']): FluxRef | undefined {
  const ref = kind === 'HelmRelease' ? obj.spec?.chart?.spec?.sourceRef : obj.spec?.sourceRef;
  if (!ref?.name || (ref.kind ?? 'GitRepository') !== 'GitRepository') return undefined;
  return { kind: 'GitRepository', namespace: ref.namespace ?? obj.metadata?.namespace ?? '', name: ref.name };
}

/** Flux CLI's `reconcile`: stamp requestedAt (RFC 3339 with nanoseconds, like Go's RFC3339Nano) and return it. */
export async function requestReconcile(clients: ClusterClients, ref: FluxRef, signal?: AbortSignal): Promise<string> {
  const token = new Date().toISOString().replace('Z', '000000Z');
  await patchFlux(clients, ref, { metadata: { annotations: { [RECONCILE_REQUESTED_AT]: token } } }, signal);
  return token;
}

/** Waits until the controller answered `token` and Ready reflects the current generation; returns the object. */
export async function waitForReconcile(clients: ClusterClients, ref: FluxRef, token: string, opts: PollOptions): Promise<FluxObject> {
  return pollUntil(async () => {
    const obj = await getFlux(clients, ref, opts.signal);
    const ready = readyOf(obj);
    const current = ready?.observedGeneration === undefined || ready.observedGeneration === obj.metadata?.generation;
    return obj.status?.lastHandledReconcileAt === token && ready && ready.status !== 'Unknown' && current ? obj : undefined;
  }, opts);
}
