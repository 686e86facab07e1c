import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { containerStatuses, containerTrouble, readPodLog, workloadPods } from './pod-logs.js';

export interface FailingPod {
  pod: string;
  container: string;
  trouble: string;
  previousLog: string;
}

/** Pods running `image` in `container` that crash-loop or cannot pull. */
export async function failingPods(clients: ClusterClients, workload: KObject, container: string, image: string, signal?: AbortSignal): Promise<{ pod: KObject; trouble: string }[]> {
  const pods = await workloadPods(clients, workload, signal);
  return pods.flatMap((pod) => {
    const s = containerStatuses(pod).find((c) => c.name === container);
    const spec = (pod['spec'] ?? {}) as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
    const runsImage = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].some((c) => c.name === container && c.image === image);
    const trouble = s && runsImage ? containerTrouble(s) : undefined;
    return trouble ? [{ pod, trouble }] : [];
  });
}

/** A probe for watchRollout: the first crash-looping pod of the new image fails the rollout. */
export function crashLoopProbe(clients: ClusterClients, workload: KObject, container: string, image: string): () => Promise<string | undefined> {
  return async () => {
    const bad = await failingPods(clients, workload, container, image);
    const first = bad[0];
    return first ? `pod ${first.pod.metadata?.name ?? ''}: container ${container} is failing: ${first.trouble}` : undefined;
  };
}

/** Previous logs (the crashed instance) of the failing pods; current logs when there is none. */
export async function collectFailureLogs(clients: ClusterClients, workload: KObject, container: string, image: string, max = 3): Promise<FailingPod[]> {
  const bad = (await failingPods(clients, workload, container, image).catch(() => [])).slice(0, max);
  return Promise.all(
    bad.map(async ({ pod, trouble }) => {
      const ns = pod.metadata?.namespace ?? '';
      const name = pod.metadata?.name ?? '';
      const read = (previous: boolean): Promise<string> => readPodLog(clients, ns, name, { container, previous, tailLines: 100 });
      const previousLog = await read(true).catch(() => read(false).catch(() => '(no logs available)'));
      return { pod: name, container, trouble, previousLog };
    }),
  );
}
