import type { LogQuery } from '../context.js';
import { badRequest } from '../status.js';
import type { Condition, Container, KubeObject, PodSpec } from '../types.js';
import { isObj } from '../types.js';
import type { ControllerEnv } from './env.js';
import type { Instance } from './logs.js';
import { instanceLog, renderLog } from './logs.js';
import { isPodTerminal } from './pod-util.js';
import { qosClass } from '../qos.js';
import { httpCommandOutcome } from './http-probe.js';
import { completedStatus, containerId, runsToCompletion, runtimeMs } from './pod-completion.js';
import { pickNode } from './scheduler.js';

interface ContainerRuntime {
  image: string;
  instances: Instance[];
  restarts: number;
  /** When the current back-off ends (crash-looping containers only). */
  backoffUntil?: number;
}

interface PodRuntime {
  scheduledAt?: number;
  startedAt?: number;
  readyAt?: number;
  ip: string;
  containers: Map<string, ContainerRuntime>;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The kubelet and scheduler of every node: pods get a node, start after podStartMs, become Ready
 * after podReadyMs, or crash-loop (with exponential back-off) when their image matches the bad pattern.
 */
export class Kubelet {
  private readonly pods = new Map<string, PodRuntime>();
  private nextIp = 10;

  readonly run = (env: ControllerEnv): boolean => {
    const podType = env.type('v1', 'Pod');
    const nodes = env.list('v1', 'Node');
    const pods = env.api.store.list(podType);
    const alive = new Set(pods.map((p) => p.metadata.uid));
    for (const uid of this.pods.keys()) if (!alive.has(uid)) this.pods.delete(uid);
    let pending = false;
    for (const [i, pod] of pods.entries()) {
      if (isPodTerminal(pod) || pod.metadata.deletionTimestamp) continue;
      pending = this.syncPod(env, pod, nodes, pods) || pending;
      // Later pods in this pass must see where earlier ones went, or everything lands on one node.
      pods[i] = env.api.store.get(podType, pod.metadata.namespace, pod.metadata.name) ?? pod;
    }
    return pending;
  };

  private runtime(pod: KubeObject): PodRuntime {
    let rt = this.pods.get(pod.metadata.uid);
    if (!rt) {
      const n = this.nextIp++;
      rt = { ip: `pending-${n}`, containers: new Map() };
      this.pods.set(pod.metadata.uid, rt);
    }
    return rt;
  }

  /** A pod IP from the node's podCIDR, as the CNI would hand out. */
  private ipOn(env: ControllerEnv, nodeName: string): string {
    const node = env.api.store.get(env.type('v1', 'Node'), undefined, nodeName);
    const cidr = String((node?.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '10.244.0.0/24');
    const n = this.nextIp++;
    return `${cidr.split('.').slice(0, 3).join('.')}.${(n % 250) + 2}`;
  }

  private syncPod(env: ControllerEnv, pod: KubeObject, nodes: KubeObject[], pods: KubeObject[]): boolean {
    const spec = pod.spec as PodSpec;
    const rt = this.runtime(pod);
    const now = Date.now();
    if (!spec.nodeName) return this.schedule(env, pod, nodes, pods, rt, now);
    if (!rt.ip.startsWith('10.244.')) rt.ip = this.ipOn(env, spec.nodeName);
    rt.scheduledAt ??= now;
    if (rt.startedAt === undefined) {
      if (now - rt.scheduledAt < env.timing.podStartMs) return true;
      rt.startedAt = now;
      this.startContainers(env, pod, rt, now);
    }
    if (rt.readyAt === undefined && now - rt.startedAt >= env.timing.podReadyMs) rt.readyAt = now;
    if (runsToCompletion(pod) && this.complete(env, pod, rt, now)) return false;
    const crashing = this.advanceCrashLoops(env, pod, rt, now);
    const next = this.status(env, pod, rt, now);
    if (JSON.stringify(next) !== JSON.stringify(pod.status)) env.write({ ...pod, status: next });
    // A crash loop is steady once it has crashed once; until then the pod is still in flight.
    const firstCrashPending = [...rt.containers.values()].some((c) => env.badImagePattern.test(c.image) && c.restarts === 0);
    return (rt.readyAt === undefined && !crashing) || firstCrashPending;
  }

  /**
   * Run-to-completion pods exit after their runtime: Failed for a bad image under restartPolicy
   * Never or a `wget`/`curl` that cannot reach its Service, Succeeded otherwise.
   */
  private complete(env: ControllerEnv, pod: KubeObject, rt: PodRuntime, now: number): boolean {
    const startedAt = rt.startedAt ?? now;
    const bad = this.allContainers(pod).some((c) => env.badImagePattern.test(c.image ?? ''));
    if (bad && (pod.spec as PodSpec).restartPolicy === 'OnFailure') return false;
    const endAt = startedAt + (bad ? env.timing.crashBackoffMs / 2 : runtimeMs(pod, env.timing.podReadyMs * 2));
    if (now < endAt) {
      env.wakeAt(endAt);
      return false;
    }
    const lookup = {
      services: (ns: string) => env.list('v1', 'Service', ns),
      pods: (ns: string) => env.list('v1', 'Pod', ns),
      namespaceExists: (ns: string) => env.list('v1', 'Namespace').some((n) => n.metadata.name === ns),
    };
    const codes = new Map<string, number>();
    for (const c of (pod.spec as PodSpec).containers) {
      const outcome = bad ? undefined : httpCommandOutcome(pod, c, lookup);
      codes.set(c.name, bad ? 1 : (outcome?.exitCode ?? 0));
      const last = rt.containers.get(c.name)?.instances.at(-1);
      if (last && outcome) last.output = outcome.output;
    }
    for (const c of rt.containers.values()) {
      const last = c.instances[c.instances.length - 1];
      if (last && last.finishedAt === undefined) {
        last.finishedAt = now;
        last.crashed = bad;
      }
    }
    env.write({ ...pod, status: completedStatus(pod, startedAt, now, (name) => codes.get(name) ?? 0) });
    return true;
  }

  private schedule(env: ControllerEnv, pod: KubeObject, nodes: KubeObject[], pods: KubeObject[], rt: PodRuntime, now: number): boolean {
    const node = pickNode(pod, nodes, pods);
    if (!node) {
      const status = { phase: 'Pending', qosClass: qosClass(pod.spec as PodSpec), conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: `0/${nodes.length} nodes are available: ${nodes.length} node(s) were unschedulable.`, lastProbeTime: null, lastTransitionTime: iso(now) }] };
      if (JSON.stringify(status.conditions[0]?.reason) !== JSON.stringify(((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? [])[0]?.reason)) {
        env.write({ ...pod, status });
        env.events.record(pod, 'Warning', 'FailedScheduling', status.conditions[0]?.message ?? '', 'default-scheduler');
      }
      return false;
    }
    rt.scheduledAt = now;
    const scheduled = env.write({
      ...pod,
      spec: { ...(pod.spec as PodSpec), nodeName: node.metadata.name },
      status: { phase: 'Pending', qosClass: qosClass(pod.spec as PodSpec), conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: iso(now) }] },
    });
    env.events.record(scheduled, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name} to ${node.metadata.name}`, 'default-scheduler');
    return true;
  }

  private allContainers(pod: KubeObject): Container[] {
    const spec = pod.spec as PodSpec;
    return [...spec.containers, ...(spec.ephemeralContainers ?? [])];
  }

  private startContainers(env: ControllerEnv, pod: KubeObject, rt: PodRuntime, now: number): void {
    for (const c of this.allContainers(pod)) {
      if (rt.containers.has(c.name)) continue;
      const image = c.image ?? '';
      rt.containers.set(c.name, { image, restarts: 0, instances: [{ startedAt: now, crashed: false }] });
      const fieldPath = `spec.containers{${c.name}}`;
      env.events.record(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, 'kubelet', fieldPath);
      env.events.record(pod, 'Normal', 'Created', `Created container ${c.name}`, 'kubelet', fieldPath);
      env.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', fieldPath);
    }
  }

  /** Returns true when some container is crash-looping (steady state for settle purposes). */
  private advanceCrashLoops(env: ControllerEnv, pod: KubeObject, rt: PodRuntime, now: number): boolean {
    if (rt.startedAt !== undefined) this.startContainers(env, pod, rt, now);
    let crashing = false;
    for (const [name, c] of rt.containers) {
      if (!env.badImagePattern.test(c.image)) continue;
      crashing = true;
      const current = c.instances[c.instances.length - 1];
      if (!current) continue;
      const crashAt = current.startedAt + env.timing.crashBackoffMs / 2;
      if (current.finishedAt === undefined && now >= crashAt) {
        current.finishedAt = now;
        current.crashed = true;
        c.restarts++;
        c.backoffUntil = now + env.timing.crashBackoffMs * 2 ** Math.min(c.restarts - 1, 5);
        env.events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid})`, 'kubelet', `spec.containers{${name}}`);
      } else if (current.finishedAt !== undefined && c.backoffUntil !== undefined && now >= c.backoffUntil) {
        c.instances.push({ startedAt: now, crashed: false });
        delete c.backoffUntil;
      }
      const last = c.instances[c.instances.length - 1];
      if (last?.finishedAt === undefined) env.wakeAt((last?.startedAt ?? now) + env.timing.crashBackoffMs / 2);
      else if (c.backoffUntil !== undefined) env.wakeAt(c.backoffUntil);
    }
    return crashing;
  }

  private containerStatus(env: ControllerEnv, pod: KubeObject, c: Container, rt: PodRuntime): Record<string, unknown> {
    const run = rt.containers.get(c.name);
    const image = c.image ?? '';
    const base = { name: c.name, image, imageID: `${image.split(':')[0] ?? image}@sha256:${'0'.repeat(8)}${Buffer.from(image).toString('hex').slice(0, 56).padEnd(56, '0')}`, containerID: '' };
    const current = run?.instances[run.instances.length - 1];
    base.containerID = containerId(pod.metadata.uid, c.name, current?.startedAt ?? 0);
    const previous = run?.instances.filter((i) => i.finishedAt !== undefined).pop();
    const lastState = previous
      ? { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(previous.startedAt), finishedAt: iso(previous.finishedAt ?? previous.startedAt), containerID: base.containerID } }
      : {};
    const bad = env.badImagePattern.test(image);
    let state: Record<string, unknown>;
    if (!current) state = { waiting: { reason: 'ContainerCreating' } };
    else if (current.finishedAt !== undefined) state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(env.timing.crashBackoffMs / 100) * 10}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid})` } };
    else state = { running: { startedAt: iso(current.startedAt) } };
    const ready = !bad && rt.readyAt !== undefined && current !== undefined && current.finishedAt === undefined;
    return { ...base, ready, started: Boolean(current && current.finishedAt === undefined), restartCount: run?.restarts ?? 0, state, lastState };
  }

  private status(env: ControllerEnv, pod: KubeObject, rt: PodRuntime, now: number): Record<string, unknown> {
    const spec = pod.spec as PodSpec;
    const old = isObj(pod.status) ? pod.status : {};
    const containerStatuses = spec.containers.map((c) => this.containerStatus(env, pod, c, rt));
    const allReady = containerStatuses.every((s) => s.ready === true);
    const t = (ms: number | undefined): string => iso(ms ?? now);
    const oldConditions = (old.conditions as Condition[] | undefined) ?? [];
    const cond = (type: string, ok: boolean, at: number | undefined, reason?: string): Condition => {
      const prev = oldConditions.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      return { type, status, lastProbeTime: null, lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? t(at)) : t(at), ...(!ok && reason ? { reason } : {}) };
    };
    const hostIP = (env.api.store.get(env.type('v1', 'Node'), undefined, spec.nodeName ?? '')?.status as { addresses?: { address: string }[] } | undefined)?.addresses?.[0]?.address ?? '10.0.0.1';
    return {
      phase: 'Running',
      conditions: [
        cond('PodReadyToStartContainers', true, rt.startedAt),
        cond('Initialized', true, rt.scheduledAt),
        cond('Ready', allReady, rt.readyAt, 'ContainersNotReady'),
        cond('ContainersReady', allReady, rt.readyAt, 'ContainersNotReady'),
        cond('PodScheduled', true, rt.scheduledAt),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: rt.ip,
      podIPs: [{ ip: rt.ip }],
      startTime: t(rt.scheduledAt),
      containerStatuses,
      ...(spec.ephemeralContainers?.length ? { ephemeralContainerStatuses: spec.ephemeralContainers.map((c) => this.containerStatus(env, pod, c, rt)) } : {}),
      qosClass: qosClass(spec),
    };
  }

  /** pods/log text for a container instance, with the kubelet's 400s for not-started and no-previous. */
  logs(pod: KubeObject, query: LogQuery): string {
    const name = query.container ?? '';
    const run = this.pods.get(pod.metadata.uid)?.containers.get(name);
    const now = Date.now();
    if (query.previous) {
      const prev = run?.instances.filter((i) => i.finishedAt !== undefined).pop();
      if (!run || !prev) throw badRequest(`previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
      return renderLog(instanceLog(pod.metadata.name, name, run.image, prev, now), query, now);
    }
    const current = run?.instances[run.instances.length - 1];
    if (!run || !current) throw badRequest(`container "${name}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
    return renderLog(instanceLog(pod.metadata.name, name, run.image, current, now), query, now);
  }
}
