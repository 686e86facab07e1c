import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { kubeCall, listAll, podPath, selectorString } from '../client/kube-call.js';
import { redactText } from '../objects/redaction.js';

export interface LogQuery {
  container: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** One container's log (text/plain), redacted before it can reach Slack. */
export async function readPodLog(clients: ClusterClients, namespace: string, pod: string, q: LogQuery): Promise<string> {
  const text = await kubeCall<string>(clients, {
    method: 'GET',
    path: `${podPath(namespace, pod)}/log`,
    query: {
      container: q.container,
      previous: q.previous ? true : undefined,
      tailLines: q.tailLines,
      sinceSeconds: q.sinceSeconds,
      limitBytes: q.limitBytes ?? 2_000_000,
      timestamps: q.timestamps ? true : undefined,
    },
    responseType: 'text',
    ...(q.signal ? { signal: q.signal } : {}),
  });
  return redactText(text);
}

/** The pods a workload owns, found by its selector (what `kubectl logs deploy/x` picks from). */
export async function workloadPods(clients: ClusterClients, workload: KObject, signal?: AbortSignal): Promise<KObject[]> {
  const selector = selectorString((workload['spec'] as { selector?: unknown } | undefined)?.selector);
  return listAll(clients, podPath(workload.metadata?.namespace ?? ''), { labelSelector: selector }, signal);
}

export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; running?: unknown; terminated?: { reason?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; finishedAt?: string } };
}

export function containerStatuses(pod: KObject): ContainerStatus[] {
  const status = (pod['status'] ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
}

const BAD_WAITING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

/** Why a container is failing (crash loop, image pull), or undefined when it looks healthy. */
export function containerTrouble(s: ContainerStatus, restartThreshold = 3): string | undefined {
  const reason = s.state?.waiting?.reason;
  if (reason !== undefined && BAD_WAITING.has(reason)) return `${reason} (restarts: ${s.restartCount ?? 0})`;
  if ((s.restartCount ?? 0) >= restartThreshold) return `restarted ${s.restartCount ?? 0} times`;
  return undefined;
}
