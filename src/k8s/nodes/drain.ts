import type { ClusterClients } from '../client/cluster-registry.js';
import { getNode, setCordon } from './cordon.js';
import { evictPod, type EvictOutcome, type EvictTiming } from './evict.js';
import type { KObject } from '../objects/k8s-object.js';
import { listAll } from '../client/kube-call.js';
import { selectPodsToEvict, type DrainSelection } from './drain-filters.js';

export async function podsOnNode(clients: ClusterClients, node: string, signal?: AbortSignal): Promise<KObject[]> {
  return listAll(clients, '/api/v1/pods', { fieldSelector: `spec.nodeName=${node}` }, signal);
}

export interface DrainReport {
  cordoned: boolean;
  selection: DrainSelection;
  outcomes: EvictOutcome[];
}

/**
 * kubectl drain with --ignore-daemonsets --delete-emptydir-data: cordon, list the node's pods,
 * filter; any fatal verdict evicts nothing; otherwise evict all candidates concurrently and wait
 * for each to go. The node is never uncordoned here, whatever happens.
 */
export async function drainNode(
  clients: ClusterClients,
  nodeName: string,
  opts: EvictTiming & {
    timeoutMs: number;
    signal: AbortSignal;
    /** Provenance recorded on the node by the cordon. */
    annotations?: Record<string, string>;
    onPod?: (o: EvictOutcome) => void;
    onStep?: (text: string) => void;
  },
): Promise<DrainReport> {
  const deadline = Date.now() + opts.timeoutMs;
  const node = await getNode(clients, nodeName, opts.signal);
  const cordoned = await setCordon(clients, node, true, { signal: opts.signal, ...(opts.annotations ? { annotations: opts.annotations } : {}) });
  opts.onStep?.(cordoned ? `node/${nodeName} cordoned` : `node/${nodeName} was already cordoned`);
  const selection = selectPodsToEvict(await podsOnNode(clients, nodeName, opts.signal));
  for (const w of selection.warnings) opts.onStep?.(`Warning: ${w}`);
  if (selection.errors.length > 0) return { cordoned, selection, outcomes: [] };
  const outcomes = await Promise.all(
    selection.evict.map(async (pod) => {
      const outcome = await evictPod(clients, pod, { ...opts, deadline });
      opts.onPod?.(outcome);
      return outcome;
    }),
  );
  return { cordoned, selection, outcomes };
}
