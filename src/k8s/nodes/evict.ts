import { apiStatusBody, apiStatusCode, translateApiError } from '../client/api-errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { kubeCall, podPath } from '../client/kube-call.js';
import { sleep } from '../client/retry.js';

export interface EvictTiming {
  evictionRetryMs: number;
  deletionPollMs: number;
}

export type EvictOutcome = { ok: true; pod: string } | { ok: false; pod: string; reason: string };

/**
 * Evicts one pod the way kubectl drain does: POST the Eviction; 429 (a PDB would be violated) →
 * wait, re-GET (gone or replaced counts as done) and retry until the deadline; 404 → done;
 * 500 "more than one PodDisruptionBudget" and anything else → that pod fails. After an accepted
 * eviction, wait until the pod is gone (404) or replaced (uid changed).
 */
export async function evictPod(
  clients: ClusterClients,
  pod: KObject,
  opts: EvictTiming & { deadline: number; signal: AbortSignal },
): Promise<EvictOutcome> {
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const id = `${ns}/${name}`;
  const uid = pod.metadata?.uid;
  const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: {} };
  for (;;) {
    try {
      await clients.request({ method: 'POST', path: `${podPath(ns, name)}/eviction`, body, signal: opts.signal });
      break;
    } catch (err) {
      const code = apiStatusCode(err);
      if (code === 404) return { ok: true, pod: id };
      if (code === 429) {
        if (Date.now() + opts.evictionRetryMs > opts.deadline) {
          return { ok: false, pod: id, reason: `still blocked by a PodDisruptionBudget when the drain deadline was reached (${statusMessage(err)})` };
        }
        await sleep(opts.evictionRetryMs, opts.signal);
        if (await goneOrReplaced(clients, ns, name, uid, opts.signal)) return { ok: true, pod: id };
        continue;
      }
      if (code === 500 && /more than one PodDisruptionBudget/i.test(statusMessage(err))) {
        return { ok: false, pod: id, reason: 'this pod is covered by more than one PodDisruptionBudget, which the Eviction API does not support' };
      }
      return { ok: false, pod: id, reason: translateApiError(err, { verb: 'create', resource: 'pods/eviction', name, namespace: ns }).userMessage };
    }
  }
  while (!(await goneOrReplaced(clients, ns, name, uid, opts.signal))) {
    if (Date.now() > opts.deadline) return { ok: false, pod: id, reason: 'evicted, but not deleted before the drain deadline' };
    await sleep(opts.deletionPollMs, opts.signal);
  }
  return { ok: true, pod: id };
}

async function goneOrReplaced(clients: ClusterClients, ns: string, name: string, uid: string | undefined, signal: AbortSignal): Promise<boolean> {
  try {
    const current = await kubeCall(clients, { method: 'GET', path: podPath(ns, name), signal });
    return current.metadata?.uid !== uid;
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && err.code === 'not_found') return true;
    throw err;
  }
}

function statusMessage(err: unknown): string {
  return apiStatusBody(err).message ?? 'no message';
}
