import type { Call } from '../call.js';
import { isDryRun, patchedObject, reply } from '../call.js';
import { parseJsonBody } from '../http-util.js';
import { invalid, methodNotAllowed } from '../status.js';
import type { Container, KubeObject, PodSpec } from '../types.js';
import { deepEqual, isObj } from '../types.js';

function ephemeral(obj: unknown): Container[] {
  const spec = isObj(obj) && isObj(obj.spec) ? (obj.spec as PodSpec) : undefined;
  return spec?.ephemeralContainers ?? [];
}

/** pods/ephemeralcontainers: only spec.ephemeralContainers may change, and only by adding. */
export function updateEphemeralContainers(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '' } = call.route;
  const current = api.get(type, namespace, name);
  if (call.req.method === 'GET') return reply(call, 200, current);
  let next: unknown;
  if (call.req.method === 'PATCH') next = patchedObject(call, current);
  else if (call.req.method === 'PUT') next = parseJsonBody(call.body);
  else throw methodNotAllowed();
  const before = ephemeral(current);
  const after = ephemeral(next);
  for (const old of before) {
    const kept = after.find((c) => c.name === old.name);
    if (!kept || !deepEqual(kept, old)) {
      throw invalid('Pod', '', name, [{ field: 'spec.ephemeralContainers', message: 'Forbidden: existing ephemeral containers may not be removed or changed' }]);
    }
  }
  for (const c of after) {
    if (!c.image) throw invalid('Pod', '', name, [{ field: `spec.ephemeralContainers[${c.name}].image`, message: 'Required value' }]);
    c.imagePullPolicy ??= 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
  }
  const spec = { ...(current.spec as PodSpec), ephemeralContainers: after };
  const updated = api.update(type, { ...current, spec } as KubeObject, { dryRun: isDryRun(call.query) });
  call.ctx.kick();
  return reply(call, 200, updated);
}
