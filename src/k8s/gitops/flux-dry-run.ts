import { isDeepStrictEqual } from 'node:util';
import type { ClusterClients } from '../client/cluster-registry.js';
import { kubeCall } from '../client/kube-call.js';
import { CancelledError, NotFoundError, ShipmateError } from '../../core/errors.js';
import type { KObject } from '../objects/k8s-object.js';
import type { Sanitizer } from '../objects/sanitize.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { objectPath, type ApiResource, type ResourceMapper } from './api-resources.js';
import { LAST_APPLIED, type ResourceId } from './drift.js';
import type { FluxObject } from './flux-object.js';

/** kustomize-controller's field manager: its applies, and `flux diff`'s dry-runs, use it with force. */
export const FLUX_FIELD_MANAGER = 'kustomize-controller';
export const KS_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
export const KS_NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';
/** An object carrying this label or annotation is left alone by the controller, and by `flux diff`. */
const RECONCILE = 'kustomize.toolkit.fluxcd.io/reconcile';

/** Annotations the API server and its controllers write, never Git: not drift. */
const SERVER_SET_ANNOTATIONS = [LAST_APPLIED, 'deployment.kubernetes.io/revision'];

export interface DesiredObject {
  id: ResourceId;
  object: KObject;
  resource: ApiResource;
}

export type ObjectChange =
  | { action: 'created'; id: ResourceId }
  | { action: 'drifted'; id: ResourceId; diff: string; secretKeys: string[] }
  | { action: 'unchanged'; id: ResourceId }
  | { action: 'skipped'; id: ResourceId; why: string }
  | { action: 'failed'; id: ResourceId; why: string };

export function idOf(o: KObject): ResourceId {
  const [group, version] = (o.apiVersion ?? '').includes('/') ? (o.apiVersion ?? '').split('/') : ['', o.apiVersion ?? ''];
  return { group: group ?? '', version: version ?? '', kind: o.kind ?? '', namespace: o.metadata?.namespace ?? '', name: o.metadata?.name ?? '' };
}

/** `<ns>_<name>_<group>_<kind>`, the inventory's id (version aside). */
export function inventoryId(r: ResourceId): string {
  return `${r.namespace}_${r.name}_${r.group}_${r.kind}`;
}

/**
 * The objects as kustomize-controller applies them: `spec.targetNamespace` on namespaced kinds (a
 * namespaced object without a namespace lands in `default`, as kube-sim's controller does), none on
 * cluster-scoped ones, and the controller's name/namespace labels. A kind the cluster does not
 * serve is a failure of its own (the controller's dry-run fails on it too).
 */
export async function desiredObjects(objects: KObject[], ks: FluxObject, mapper: ResourceMapper): Promise<{ desired: DesiredObject[]; failed: ObjectChange[] }> {
  const target = typeof ks.spec?.['targetNamespace'] === 'string' && ks.spec['targetNamespace'] ? ks.spec['targetNamespace'] : undefined;
  const desired: DesiredObject[] = [];
  const failed: ObjectChange[] = [];
  for (const input of objects) {
    const object = structuredClone(input);
    const resource = await mapper.lookup(object.apiVersion ?? '', object.kind ?? '');
    if (!resource) {
      failed.push({ action: 'failed', id: idOf(object), why: `the cluster serves no ${object.kind ?? '?'} in ${object.apiVersion ?? '?'}` });
      continue;
    }
    const meta = { ...(object.metadata ?? {}) };
    if (resource.namespaced) meta.namespace = target ?? meta.namespace ?? 'default';
    else delete meta.namespace;
    meta.labels = { ...(meta.labels ?? {}), [KS_NAME_LABEL]: ks.metadata?.name ?? '', [KS_NAMESPACE_LABEL]: ks.metadata?.namespace ?? '' };
    object.metadata = meta;
    desired.push({ id: idOf(object), object, resource });
  }
  return { desired, failed };
}

function marked(o: KObject | undefined): boolean {
  return o?.metadata?.labels?.[RECONCILE] === 'disabled' || o?.metadata?.annotations?.[RECONCILE] === 'disabled';
}

/** What is compared: no status, no server bookkeeping in metadata, no annotations the server writes. */
function comparable(o: KObject): KObject {
  const { status: _status, ...body } = o as KObject & { status?: unknown };
  const { managedFields: _mf, resourceVersion: _rv, generation: _g, uid: _uid, creationTimestamp: _ct, selfLink: _sl, ...meta } = (o.metadata ?? {}) as Record<string, unknown>;
  const annotations = Object.fromEntries(Object.entries((meta['annotations'] ?? {}) as Record<string, string>).filter(([k]) => !SERVER_SET_ANNOTATIONS.includes(k)));
  const out: Record<string, unknown> = { ...meta };
  if (Object.keys(annotations).length > 0) out['annotations'] = annotations;
  else delete out['annotations'];
  return { ...body, metadata: out };
}

/** A Secret's data keys whose value differs (added, removed or changed), never the values. */
function secretKeysChanged(live: KObject, dry: KObject): string[] {
  if (live.kind !== 'Secret') return [];
  const a = (live['data'] ?? {}) as Record<string, unknown>;
  const b = (dry['data'] ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

function reason(err: unknown): string {
  if (err instanceof ShipmateError && !(err instanceof CancelledError)) return err.userMessage;
  throw err;
}

/**
 * One object through a server-side apply with `dryRun=All` as kustomize-controller's field manager
 * with force (what `flux diff kustomization` does), compared with the live object. Missing live →
 * "would be created"; otherwise a unified diff of the comparable fields, through the sanitiser.
 */
export async function dryRunChange(clients: ClusterClients, sanitizer: Sanitizer, d: DesiredObject, signal?: AbortSignal): Promise<ObjectChange> {
  const apiVersion = d.object.apiVersion ?? '';
  const path = objectPath(apiVersion, d.resource, d.id.namespace, d.id.name);
  const opts = signal ? { signal } : {};
  let live: KObject | undefined;
  try {
    live = await kubeCall<KObject>(clients, { method: 'GET', path, ...opts });
  } catch (err) {
    if (!(err instanceof NotFoundError)) return { action: 'failed', id: d.id, why: `could not be read: ${reason(err)}` };
  }
  if (marked(d.object) || marked(live)) return { action: 'skipped', id: d.id, why: `${RECONCILE}: disabled` };
  let dry: KObject;
  try {
    dry = await kubeCall<KObject>(clients, {
      method: 'PATCH', path, body: d.object, contentType: 'application/apply-patch+yaml',
      query: { fieldManager: FLUX_FIELD_MANAGER, force: true, dryRun: 'All' }, ...opts,
    });
  } catch (err) {
    // A new object in a namespace the same source creates: the namespace is not there yet to dry-run into.
    if (!live && err instanceof NotFoundError) return { action: 'created', id: d.id };
    return { action: 'failed', id: d.id, why: `server-side dry-run refused: ${reason(err)}` };
  }
  if (!live || !dry.metadata?.resourceVersion) return { action: 'created', id: d.id };
  const before = comparable(live);
  const after = comparable(dry);
  if (isDeepStrictEqual(before, after)) return { action: 'unchanged', id: d.id };
  const label = `${d.id.kind.toLowerCase()}/${d.id.name}`;
  return { action: 'drifted', id: d.id, diff: yamlDiff(sanitizer, label, before, after), secretKeys: secretKeysChanged(live, dry) };
}
