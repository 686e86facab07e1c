import type { IncomingMessage } from 'node:http';
import { admit } from '../admission.js';
import type { Call } from '../call.js';
import { isDryRun, reply } from '../call.js';
import { parsePatchBody } from '../patch/index.js';
import { apiVersionOf } from '../resources.js';
import { badRequest } from '../status.js';
import type { KubeObject } from '../types.js';
import { clone, deepEqual, isObj } from '../types.js';
import { applyConfiguration, updatedEntries } from './managed-fields.js';

/** The field manager of a request: `?fieldManager=`, else the user agent up to its first `/`, as the apiserver derives it. */
export function managerOf(query: URLSearchParams, req: IncomingMessage): string {
  const explicit = query.get('fieldManager');
  if (explicit) return explicit;
  const ua = req.headers['user-agent'] ?? '';
  return (ua.split('/')[0] ?? '').slice(0, 128) || 'unknown';
}

/**
 * Record the `Update` managedFields entry of a create, update or patch (unless the client sent
 * managedFields of its own, which the apiserver then keeps). Mutates and returns `next`.
 */
export function trackUpdate(call: Call, old: KubeObject | undefined, next: KubeObject): KubeObject {
  const sent = next.metadata.managedFields;
  if (Array.isArray(sent) && sent.length > 0 && !deepEqual(sent, old?.metadata.managedFields)) return next;
  const defaulted = clone(next);
  admit(call.route.type, defaulted);
  const apiVersion = apiVersionOf(call.route.type.group, call.route.version);
  next.metadata.managedFields = updatedEntries(old, defaulted, managerOf(call.query, call.req), apiVersion);
  if ((next.metadata.managedFields as unknown[]).length === 0) delete next.metadata.managedFields;
  return next;
}

/** PATCH with `application/apply-patch+yaml`: server-side apply, creating the object when missing. */
export function serveApply(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '', version } = call.route;
  const manager = call.query.get('fieldManager');
  if (!manager) throw badRequest('PATCH with apply requires fieldManager: the fieldManager query parameter is required for apply patch');
  const applied = parsePatchBody('apply', call.body);
  if (!isObj(applied)) throw badRequest('the apply configuration must be an object');
  const meta = isObj(applied.metadata) ? applied.metadata : {};
  if (meta.name !== undefined && meta.name !== name) throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
  const apiVersion = apiVersionOf(type.group, version);
  if (applied.apiVersion !== apiVersion || applied.kind !== type.kind) throw badRequest(`invalid object type: ${String(applied.apiVersion)}, Kind=${String(applied.kind)}; expected ${apiVersion}, Kind=${type.kind}`);
  applied.metadata = { ...meta, name, ...(namespace !== undefined ? { namespace } : {}) };
  const stored = api.store.get(type, namespace, name);
  const live = stored ? api.present(type, stored, version) : undefined;
  const merged = applyConfiguration(live, applied, manager, apiVersion, call.query.get('force') === 'true');
  const dryRun = isDryRun(call.query);
  // A dry run changes nothing, so it wakes no controller either.
  if (!live) {
    const created = api.create(type, merged, { dryRun });
    if (!dryRun) call.ctx.kick();
    return reply(call, 201, created);
  }
  const updated = api.update(type, merged, { dryRun, checkResourceVersion: true });
  if (!dryRun) call.ctx.kick();
  return reply(call, 200, updated);
}
