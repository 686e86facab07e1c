import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Call } from './call.js';
import { isDryRun, patchedObject, reply } from './call.js';
import type { ResourceRoute, ServerContext } from './context.js';
import { parseJsonBody, sendJson } from './http-util.js';
import { listObjects } from './list.js';
import { patchTypeOf } from './patch/index.js';
import { authorizeCall } from './rbac/index.js';
import { serveApply, trackUpdate } from './ssa/index.js';
import { badRequest, methodNotAllowed, successStatus } from './status.js';
import { handleSubresource } from './subresources/index.js';
import { parseIncludeObject, toTable, wantsTable } from './table.js';
import type { KubeObject } from './types.js';
import { isObj } from './types.js';
import { serveWatch } from './watch.js';

function bodyObject(call: Call): KubeObject {
  const parsed = parseJsonBody(call.body);
  if (!isObj(parsed)) throw badRequest('request body must be a JSON object');
  const obj = parsed as KubeObject;
  if (!isObj(obj.metadata)) obj.metadata = { name: '', uid: '', resourceVersion: '', creationTimestamp: '' };
  const ns = call.route.namespace;
  if (call.route.type.namespaced && ns !== undefined) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns;
  }
  return obj;
}

function create(call: Call): number {
  if (call.route.name) throw methodNotAllowed();
  const dryRun = isDryRun(call.query);
  const created = call.ctx.api.create(call.route.type, trackUpdate(call, undefined, bodyObject(call)), { dryRun });
  if (!dryRun) call.ctx.kick();
  return reply(call, 201, created);
}

function update(call: Call): number {
  const obj = bodyObject(call);
  if (obj.metadata.name !== call.route.name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${call.route.name ?? ''})`);
  const old = call.ctx.api.store.get(call.route.type, call.route.namespace, obj.metadata.name);
  const dryRun = isDryRun(call.query);
  const updated = call.ctx.api.update(call.route.type, trackUpdate(call, old, obj), { dryRun, checkResourceVersion: true });
  if (!dryRun) call.ctx.kick();
  return reply(call, 200, updated);
}

function patch(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '' } = call.route;
  if (patchTypeOf(call.req.headers['content-type']) === 'apply') return serveApply(call);
  const current = api.get(type, namespace, name);
  const dryRun = isDryRun(call.query);
  const updated = api.update(type, trackUpdate(call, current, patchedObject(call, current)), { dryRun });
  if (!dryRun) call.ctx.kick();
  return reply(call, 200, updated);
}

function deleteOne(call: Call): number {
  const opts = call.body.trim() ? parseJsonBody(call.body) : {};
  const pre = isObj(opts) && isObj(opts.preconditions) ? opts.preconditions : {};
  const dryRun = isDryRun(call.query) || (isObj(opts) && Array.isArray(opts.dryRun) && opts.dryRun.includes('All'));
  const { type, namespace, name = '' } = call.route;
  const gone = call.ctx.api.delete(type, namespace, name, {
    dryRun,
    ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
    ...(typeof pre.resourceVersion === 'string' ? { resourceVersion: pre.resourceVersion } : {}),
  });
  call.ctx.kick();
  if (type.kind === 'Pod' && type.group === '') return reply(call, 200, gone);
  sendJson(call.res, 200, successStatus(200, { name, ...(type.group ? { group: type.group } : {}), kind: type.plural, uid: gone.metadata.uid }));
  return 200;
}

function deleteCollection(call: Call): number {
  const { type, namespace } = call.route;
  const { items } = listObjects(call.ctx.api, type, namespace, call.query);
  for (const obj of items) call.ctx.api.delete(type, obj.metadata.namespace, obj.metadata.name, { dryRun: isDryRun(call.query) });
  call.ctx.kick();
  sendJson(call.res, 200, { kind: `${type.kind}List`, apiVersion: call.ctx.api.present(type, items[0] ?? ({} as KubeObject), call.route.version).apiVersion, metadata: {}, items });
  return 200;
}

function list(call: Call): number {
  const { type, namespace, version } = call.route;
  const { items, metadata } = listObjects(call.ctx.api, type, namespace, call.query);
  const presented = items.map((o) => call.ctx.api.present(type, o, version));
  if (wantsTable(call.req.headers.accept)) {
    sendJson(call.res, 200, toTable(type, presented, parseIncludeObject(call.query.get('includeObject') ?? undefined), metadata));
  } else {
    const apiVersion = type.group ? `${type.group}/${version}` : version;
    sendJson(call.res, 200, { kind: `${type.kind}List`, apiVersion, metadata, items: presented });
  }
  return 200;
}

/** Serve one request on a resource URL. */
export async function handleResource(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  query: URLSearchParams,
  body: string,
): Promise<number> {
  const call: Call = { ctx, req, res, route, query, body };
  const authorized = authorizeCall(call);
  if (authorized !== undefined) return authorized;
  if (route.sub) return handleSubresource(call);
  const watch = query.get('watch');
  switch (req.method) {
    case 'GET':
      if (route.name) return reply(call, 200, ctx.api.get(route.type, route.namespace, route.name));
      if (watch === 'true' || watch === '1') return serveWatch(call);
      return list(call);
    case 'POST':
      return create(call);
    case 'PUT':
      return update(call);
    case 'PATCH':
      return patch(call);
    case 'DELETE':
      return route.name ? deleteOne(call) : deleteCollection(call);
    default:
      throw methodNotAllowed();
  }
}
