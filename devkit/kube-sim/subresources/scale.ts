import type { Call } from '../call.js';
import { isDryRun } from '../call.js';
import { parseJsonBody, sendJson } from '../http-util.js';
import { applyPatch, parsePatchBody, patchTypeOf } from '../patch/index.js';
import { selectorToString } from '../selectors.js';
import { badRequest, conflict, methodNotAllowed } from '../status.js';
import type { KubeObject, LabelSelector, Obj } from '../types.js';
import { isObj } from '../types.js';

/** The autoscaling/v1 Scale view of a workload. */
export function scaleOf(obj: KubeObject): Obj {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const status = isObj(obj.status) ? obj.status : {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status: { replicas: typeof status.replicas === 'number' ? status.replicas : 0, selector: selectorToString(spec.selector as LabelSelector | undefined) },
  };
}

function desiredReplicas(call: Call, current: KubeObject): { replicas: number; rv?: string } {
  let scale: unknown;
  if (call.req.method === 'PUT') scale = parseJsonBody(call.body);
  else {
    const type = patchTypeOf(call.req.headers['content-type']);
    scale = applyPatch(type, scaleOf(current), parsePatchBody(type, call.body));
  }
  const spec = isObj(scale) && isObj(scale.spec) ? scale.spec : {};
  const meta = isObj(scale) && isObj(scale.metadata) ? scale.metadata : {};
  if (typeof spec.replicas !== 'number' || spec.replicas < 0) throw badRequest('spec.replicas must be a non-negative integer');
  return { replicas: spec.replicas, ...(typeof meta.resourceVersion === 'string' && meta.resourceVersion ? { rv: meta.resourceVersion } : {}) };
}

export function handleScale(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '' } = call.route;
  const current = api.get(type, namespace, name);
  if (call.req.method === 'GET') {
    sendJson(call.res, 200, scaleOf(current));
    return 200;
  }
  if (call.req.method !== 'PUT' && call.req.method !== 'PATCH') throw methodNotAllowed();
  const { replicas, rv } = desiredReplicas(call, current);
  if (rv && rv !== current.metadata.resourceVersion) throw conflict(type.group, type.plural, name);
  const next = { ...current, spec: { ...(isObj(current.spec) ? current.spec : {}), replicas } };
  const updated = api.update(type, next, { dryRun: isDryRun(call.query) });
  call.ctx.kick();
  sendJson(call.res, 200, scaleOf(updated));
  return 200;
}
