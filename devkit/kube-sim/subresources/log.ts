import type { Call } from '../call.js';
import { sendText } from '../http-util.js';
import { followLog } from './log-follow.js';
import type { LogQuery } from '../context.js';
import { badRequest, methodNotAllowed } from '../status.js';
import type { Container, KubeObject, PodSpec } from '../types.js';
import { isObj } from '../types.js';

function names(list: Container[] | undefined): string {
  return `[${(list ?? []).map((c) => c.name).join(' ')}]`;
}

/** Which container a log request is for, with the apiserver's 400 messages. */
export function resolveContainer(pod: KubeObject, requested: string | undefined): string {
  const spec = pod.spec as PodSpec;
  const all = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  const name = pod.metadata.name;
  if (requested) {
    if (!all.some((c) => c.name === requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (spec.containers.length === 1 && spec.containers[0]) return spec.containers[0].name;
  let message = `a container name must be specified for pod ${name}, choose one of: ${names(spec.containers)}`;
  if (spec.initContainers?.length) message += ` or one of the init containers: ${names(spec.initContainers)}`;
  if (spec.ephemeralContainers?.length) message += ` or one of the ephemeral containers: ${names(spec.ephemeralContainers)}`;
  throw badRequest(message);
}

function intParam(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid ${key}: ${raw}`);
  return n;
}

export function serveLog(call: Call): number {
  if (call.req.method !== 'GET') throw methodNotAllowed();
  const { type, namespace, name = '' } = call.route;
  const pod = call.ctx.api.get(type, namespace, name);
  if (!isObj(pod.spec)) throw badRequest('pod has no spec');
  const q = call.query;
  const tailLines = intParam(q, 'tailLines');
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const limitBytes = intParam(q, 'limitBytes');
  const query: LogQuery = {
    container: resolveContainer(pod, q.get('container') ?? undefined),
    previous: q.get('previous') === 'true',
    timestamps: q.get('timestamps') === 'true',
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
  if (q.get('follow') === 'true') return followLog(call, pod, query);
  sendText(call.res, 200, call.ctx.podLogs(pod, query));
  return 200;
}
