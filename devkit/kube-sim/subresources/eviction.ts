import { computePdbStatus, pdbSelects } from '../controllers/pdb.js';
import { isPodReady, isPodTerminal, podPhase } from '../controllers/pod-util.js';
import type { Call } from '../call.js';
import { isDryRun } from '../call.js';
import { sendJson } from '../http-util.js';
import { StatusError, successStatus } from '../status.js';
import type { KubeObject } from '../types.js';
import { isObj } from '../types.js';

function tooManyRequests(pdbName: string, needs: number, has: number): StatusError {
  return new StatusError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
    causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdbName} needs ${needs} healthy pods and has ${has} currently` }],
  });
}

/**
 * POST pods/x/eviction, PDB-aware like the apiserver: terminal or pending pods go at once, more
 * than one matching PDB is a 500, a budget with no disruptions left is a 429.
 */
export function evict(call: Call): number {
  const { api } = call.ctx;
  const { type, namespace, name = '' } = call.route;
  const pod = api.get(type, namespace, name);
  // kubectl drain posts the Eviction as protobuf; only the JSON form's deleteOptions.dryRun matters here.
  const json = (call.req.headers['content-type'] ?? 'application/json').includes('json');
  const body = json && call.body.trim() ? (JSON.parse(call.body) as unknown) : {};
  const options = isObj(body) && isObj(body.deleteOptions) ? body.deleteOptions : {};
  const dryRun = isDryRun(call.query) || (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
  const ignoreBudget = isPodTerminal(pod) || podPhase(pod) === 'Pending' || Boolean(pod.metadata.deletionTimestamp);
  if (!ignoreBudget) checkBudget(call, pod);
  api.delete(type, namespace, name, { dryRun });
  call.ctx.kick();
  sendJson(call.res, 201, successStatus(201));
  return 201;
}

function checkBudget(call: Call, pod: KubeObject): void {
  const { api } = call.ctx;
  const pdbType = api.typeByKind('policy/v1', 'PodDisruptionBudget');
  const pdbs = api.store.list(pdbType, pod.metadata.namespace).filter((p) => pdbSelects(p, pod));
  if (pdbs.length > 1) {
    throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  }
  const pdb = pdbs[0];
  if (!pdb) return;
  const pods = api.store.list(call.route.type, pod.metadata.namespace);
  const status = computePdbStatus(pdb, pods);
  const spec = isObj(pdb.spec) ? pdb.spec : {};
  const alwaysAllowUnhealthy = spec.unhealthyPodEvictionPolicy === 'AlwaysAllow';
  if (!isPodReady(pod) && (alwaysAllowUnhealthy || status.currentHealthy >= status.desiredHealthy)) return;
  if (status.disruptionsAllowed <= 0) throw tooManyRequests(pdb.metadata.name, status.desiredHealthy, status.currentHealthy);
  const disrupted = { ...(isObj(pdb.status) && isObj(pdb.status.disruptedPods) ? pdb.status.disruptedPods : {}), [pod.metadata.name]: new Date().toISOString() };
  api.store.update(pdbType, { ...pdb, status: { ...(isObj(pdb.status) ? pdb.status : {}), disruptionsAllowed: status.disruptionsAllowed - 1, disruptedPods: disrupted } }, { subresource: 'status' });
}
