import type { Call } from '../call.js';
import { isDryRun, patchedObject, reply } from '../call.js';
import { parseJsonBody } from '../http-util.js';
import { methodNotAllowed, StatusError } from '../status.js';
import type { KubeObject } from '../types.js';
import { isObj } from '../types.js';
import { updateEphemeralContainers } from './ephemeral.js';
import { evict } from './eviction.js';
import { serveLog } from './log.js';
import { handleScale } from './scale.js';
import { requestToken } from './token.js';

function handleStatus(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '' } = call.route;
  const current = api.get(type, namespace, name);
  if (call.req.method === 'GET') return reply(call, 200, current);
  let next: KubeObject;
  if (call.req.method === 'PUT') {
    const body = parseJsonBody(call.body);
    if (!isObj(body)) throw new StatusError(400, 'BadRequest', 'request body must be an object');
    next = body as KubeObject;
    next.metadata = { ...current.metadata, resourceVersion: (isObj(next.metadata) ? next.metadata.resourceVersion : undefined) ?? '' } as KubeObject['metadata'];
  } else if (call.req.method === 'PATCH') next = patchedObject(call, current);
  else throw methodNotAllowed();
  const updated = api.update(type, next, { subresource: 'status', dryRun: isDryRun(call.query), checkResourceVersion: true });
  call.ctx.kick();
  return reply(call, 200, updated);
}

/** Dispatch /status, /scale, /log, /eviction, /ephemeralcontainers and serviceaccounts' /token. */
export function handleSubresource(call: Call): Promise<number> | number {
  const { type, sub } = call.route;
  const known = type.subresources.find((s) => s.name === sub);
  if (!known || !call.route.name) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  switch (sub) {
    case 'status':
      return handleStatus(call);
    case 'scale':
      return handleScale(call);
    case 'log':
      return serveLog(call);
    case 'eviction':
      if (call.req.method !== 'POST') throw methodNotAllowed();
      return evict(call);
    case 'ephemeralcontainers':
      return updateEphemeralContainers(call);
    case 'token':
      return requestToken(call);
    default:
      throw methodNotAllowed(`the simulator does not implement ${type.plural}/${sub ?? ''}`);
  }
}
