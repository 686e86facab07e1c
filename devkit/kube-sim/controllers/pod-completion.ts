import type { Container, KubeObject, PodSpec } from '../types.js';
import { isObj } from '../types.js';

/** How long a run-to-completion container runs before it exits, overriding 2 × podReadyMs. */
export const RUNTIME_ANNOTATION = 'kube-sim.shipmate.io/runtime-ms';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Pods whose containers are expected to exit (Job pods): restartPolicy Never or OnFailure. */
export function runsToCompletion(pod: KubeObject): boolean {
  const policy = (pod.spec as PodSpec).restartPolicy;
  return policy === 'Never' || policy === 'OnFailure';
}

export function runtimeMs(pod: KubeObject, fallback: number): number {
  const raw = Number(pod.metadata.annotations?.[RUNTIME_ANNOTATION]);
  return Number.isFinite(raw) && raw >= 0 ? raw : fallback;
}

/** A stable, unique containerd id (64 hex) for one instance of one container. */
export function containerId(podUid: string, container: string, startedAt: number): string {
  let a = 0x811c9dc5;
  let out = '';
  const seed = `${podUid}/${container}/${startedAt}`;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${seed}#${round}`) a = Math.imul(a ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += a.toString(16).padStart(8, '0');
  }
  return `containerd://${out.slice(0, 64)}`;
}

/**
 * The terminal status a kubelet reports once every container of a run-to-completion pod exited:
 * Succeeded when every exit code is 0, else Failed (a bad image, a test pod's failed wget).
 */
export function completedStatus(pod: KubeObject, startedAt: number, finishedAt: number, exitCodeOf: (container: string) => number): Record<string, unknown> {
  const spec = pod.spec as PodSpec;
  const old = isObj(pod.status) ? pod.status : {};
  const failed = spec.containers.some((c) => exitCodeOf(c.name) !== 0);
  const containerStatuses = spec.containers.map((c: Container) => {
    const exitCode = exitCodeOf(c.name);
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    const image = c.image ?? '';
    const id = containerId(pod.metadata.uid, c.name, startedAt);
    return {
      name: c.name,
      image,
      imageID: `${image.split(':')[0] ?? image}@sha256:${Buffer.from(image).toString('hex').slice(0, 64).padEnd(64, '0')}`,
      containerID: id,
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode, reason, startedAt: iso(startedAt), finishedAt: iso(finishedAt), containerID: id } },
      lastState: {},
    };
  });
  const cond = (type: string, status: string, extra: Record<string, string> = {}): Record<string, unknown> => ({ type, status, lastProbeTime: null, lastTransitionTime: iso(type === 'Ready' || type === 'ContainersReady' ? finishedAt : startedAt), ...extra });
  return {
    ...old,
    phase: failed ? 'Failed' : 'Succeeded',
    conditions: [
      cond('PodReadyToStartContainers', 'False'),
      cond('Initialized', 'True', { reason: 'PodCompleted' }),
      cond('Ready', 'False', { reason: 'PodCompleted' }),
      cond('ContainersReady', 'False', { reason: 'PodCompleted' }),
      cond('PodScheduled', 'True'),
    ],
    containerStatuses,
  };
}
