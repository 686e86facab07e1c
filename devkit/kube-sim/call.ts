import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceRoute, ServerContext } from './context.js';
import { sendJson } from './http-util.js';
import { applyPatch, parsePatchBody, patchTypeOf } from './patch/index.js';
import { conflict, StatusError } from './status.js';
import { parseIncludeObject, toTable, wantsTable } from './table.js';
import type { KubeObject } from './types.js';
import { isObj } from './types.js';

/** One request on a resource URL, as the handlers and subresources see it. */
export interface Call {
  ctx: ServerContext;
  req: IncomingMessage;
  res: ServerResponse;
  route: ResourceRoute;
  query: URLSearchParams;
  body: string;
}

export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

export function reply(call: Call, code: number, obj: KubeObject): number {
  const { ctx, route, req, query } = call;
  const presented = ctx.api.present(route.type, obj, route.version);
  if (wantsTable(req.headers.accept)) sendJson(call.res, code, toTable(route.type, [presented], parseIncludeObject(query.get('includeObject') ?? undefined)));
  else sendJson(call.res, code, presented);
  return code;
}

/** Apply a patch of any supported type to the object's current state; a stale resourceVersion in the result is a 409. */
export function patchedObject(call: Call, current: KubeObject): KubeObject {
  const type = patchTypeOf(call.req.headers['content-type']);
  const patched = applyPatch(type, call.ctx.api.present(call.route.type, current, call.route.version), parsePatchBody(type, call.body));
  if (!isObj(patched) || !isObj(patched.metadata)) throw new StatusError(422, 'Invalid', 'the patched object is not a valid object');
  const out = patched as KubeObject;
  const rv = out.metadata.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) throw conflict(call.route.type.group, call.route.type.plural, current.metadata.name);
  out.metadata.name = current.metadata.name;
  if (current.metadata.namespace !== undefined) out.metadata.namespace = current.metadata.namespace;
  return out;
}

