import type { RunningVersion, TroubledPod, WarningEvent, WorkloadStatusReport } from '../../core/workload-status.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { listAll } from '../client/kube-call.js';
import { controllerOf, type KObject, type PodSpec, type PodTemplate } from '../objects/k8s-object.js';
import { redactText } from '../objects/redaction.js';
import { containerStatuses, containerTrouble, workloadPods } from './pod-logs.js';
import { rolloutVerdict } from './rollout-rules.js';
import { currentRevision, templateImages, workloadHistory, type HistoryEntry } from './workload-history.js';

const MAX_WARNINGS = 5;
const MAX_TROUBLED = 10;

/**
 * Everything `/k8s status` shows, read in one pass: the spec's view (ready/desired, images) and
 * what actually runs (pods by revision, failing pods, Warning events), so a rollout stuck
 * behind ready old pods cannot pass for a healthy one.
 */
export async function readWorkloadStatus(clients: ClusterClients, obj: KObject, signal?: AbortSignal): Promise<WorkloadStatusReport> {
  const history = await workloadHistory(clients, obj, signal);
  const pods = await workloadPods(clients, obj, signal);
  const spec = (obj['spec'] ?? {}) as { replicas?: number; template?: PodTemplate };
  const status = (obj['status'] ?? {}) as Record<string, number | undefined>;
  const daemon = obj.kind === 'DaemonSet';
  const verdict = rolloutVerdict(obj);
  // Events are a nice-to-have: a refused or slow events list must not hide the status itself.
  const warnings = await warningEvents(clients, obj, history, pods, signal).catch(() => []);
  return {
    kind: 'workload-status',
    workload: `${String(obj.kind).toLowerCase()}/${obj.metadata?.name ?? ''}`,
    rollout: { state: verdict.state === 'done' ? 'done' : verdict.state === 'failed' ? 'failed' : 'progressing', message: verdict.message },
    ready: daemon ? (status['numberReady'] ?? 0) : (status['readyReplicas'] ?? 0),
    desired: daemon ? (status['desiredNumberScheduled'] ?? 0) : (spec.replicas ?? 1),
    revision: currentRevision(history),
    specImages: templateImages(spec.template),
    versions: runningVersions(pods, history),
    troubledPods: pods.flatMap((p) => troubleOf(p) ?? []).slice(0, MAX_TROUBLED),
    warnings,
  };
}

function podImages(pod: KObject): string[] {
  return ((pod['spec'] as PodSpec | undefined)?.containers ?? []).map((c) => c.image ?? '');
}

function isReady(pod: KObject): boolean {
  const conditions = ((pod['status'] ?? {}) as { conditions?: { type?: string; status?: string }[] }).conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The history entry a pod belongs to: its controlling ReplicaSet, or its controller-revision-hash. */
function revisionOf(pod: KObject, history: HistoryEntry[]): number | undefined {
  const owner = controllerOf(pod);
  const hash = pod.metadata?.labels?.['controller-revision-hash'];
  const entry = history.find((h) => (owner?.kind === 'ReplicaSet' ? h.object.metadata?.name === owner.name : h.object.metadata?.name === hash));
  return entry?.revision;
}

function runningVersions(pods: KObject[], history: HistoryEntry[]): RunningVersion[] {
  const byKey = new Map<string, RunningVersion>();
  for (const pod of pods) {
    const revision = revisionOf(pod, history);
    const images = podImages(pod);
    const key = `${revision ?? '?'}|${images.join(',')}`;
    const v = byKey.get(key) ?? { revision, images, pods: 0, ready: 0 };
    v.pods += 1;
    if (isReady(pod)) v.ready += 1;
    byKey.set(key, v);
  }
  return [...byKey.values()].sort((a, b) => (b.revision ?? -1) - (a.revision ?? -1));
}

function troubleOf(pod: KObject): TroubledPod | undefined {
  const statuses = containerStatuses(pod);
  const ready = isReady(pod);
  const trouble = statuses.map((s) => containerTrouble(s, 1)).find((t) => t !== undefined);
  if (ready && trouble === undefined) return undefined;
  // Between back-offs a crash-looping container is briefly running or terminated: its last exit says why.
  const waiting = statuses.map((s) => s.state?.waiting?.reason ?? s.state?.terminated?.reason ?? s.lastState?.terminated?.reason).find((r) => r !== undefined);
  return {
    name: pod.metadata?.name ?? '',
    phase: String((pod['status'] as { phase?: string } | undefined)?.phase ?? 'Unknown'),
    ready,
    reason: waiting ?? (trouble !== undefined ? 'restarting' : 'not ready'),
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    images: podImages(pod),
  };
}

/** Warning events in the namespace about the workload, its revisions or its pods, newest last. */
async function warningEvents(clients: ClusterClients, obj: KObject, history: HistoryEntry[], pods: KObject[], signal?: AbortSignal): Promise<WarningEvent[]> {
  const ns = obj.metadata?.namespace ?? '';
  const names = new Set([obj.metadata?.name, ...history.map((h) => h.object.metadata?.name), ...pods.map((p) => p.metadata?.name)].filter((n): n is string => !!n));
  const items = await listAll(clients, `/api/v1/namespaces/${ns}/events`, { fieldSelector: 'type=Warning' }, signal);
  return items
    .flatMap((e): WarningEvent[] => {
      const about = (e['involvedObject'] ?? {}) as { kind?: string; name?: string };
      if (e['type'] !== 'Warning' || !about.name || !names.has(about.name)) return [];
      const last = String(e['lastTimestamp'] ?? e['eventTime'] ?? e.metadata?.creationTimestamp ?? '');
      const count = typeof e['count'] === 'number' ? e['count'] : 1;
      return [{ object: `${String(about.kind ?? '').toLowerCase()}/${about.name}`, reason: String(e['reason'] ?? ''), message: redactText(String(e['message'] ?? '')), count, last }];
    })
    .sort((a, b) => a.last.localeCompare(b.last))
    .slice(-MAX_WARNINGS);
}
