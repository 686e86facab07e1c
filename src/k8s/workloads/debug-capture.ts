import type { ClusterClients } from '../client/cluster-registry.js';
import { eventsFor, formatEvents } from '../objects/events.js';
import type { KObject } from '../objects/k8s-object.js';
import { containerStatuses, containerTrouble, readPodLog } from './pod-logs.js';
import { redactText } from '../objects/redaction.js';
import type { Sanitizer } from '../objects/sanitize.js';
import { toYaml } from '../objects/spec-diff.js';

export interface CaptureBundle {
  summary: string[];
  files: { filename: string; title: string; content: string }[];
}

const safe = async <T>(p: Promise<T>, fallback: T): Promise<T> => p.catch(() => fallback);

/** One pod's part of the bundle: state, describe-equivalent, events, current and previous logs. */
async function capturePod(clients: ClusterClients, sanitizer: Sanitizer, pod: KObject, signal?: AbortSignal): Promise<{ line: string; text: string }> {
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const statuses = containerStatuses(pod);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase ?? 'Unknown';
  const troubles = statuses.flatMap((s) => {
    const t = containerTrouble(s, 1);
    return t ? [`${s.name}: ${t}`] : [];
  });
  const parts = [`### pod ${ns}/${name} (${phase})`, toYaml(sanitizer, { ...pod, kind: 'Pod' }), '#### events', formatEvents(await safe(eventsFor(clients, { ...pod, kind: 'Pod' }, signal), []))];
  for (const s of statuses) {
    const current = await safe(readPodLog(clients, ns, name, { container: s.name, tailLines: 200, ...(signal ? { signal } : {}) }), '(no current logs)');
    parts.push(`#### logs ${s.name} (current)`, current);
    if ((s.restartCount ?? 0) > 0) {
      const previous = await safe(readPodLog(clients, ns, name, { container: s.name, previous: true, tailLines: 200, ...(signal ? { signal } : {}) }), '(no previous logs)');
      parts.push(`#### logs ${s.name} (previous)`, previous);
    }
  }
  const ready = statuses.filter((s) => s.ready).length;
  return { line: `${name}: ${phase}, ${ready}/${statuses.length} ready${troubles.length ? `, ${troubles.join('; ')}` : ''}`, text: parts.join('\n') };
}

/**
 * A debug bundle for a workload (with its pods) or a single pod. Never reads Secrets; every
 * object is sanitized and the final text passes the text redactor once more.
 */
export async function captureBundle(clients: ClusterClients, sanitizer: Sanitizer, root: KObject, pods: KObject[], related: KObject[], signal?: AbortSignal): Promise<CaptureBundle> {
  const name = `${String(root.kind).toLowerCase()}-${root.metadata?.name ?? ''}`;
  const sections: string[] = [];
  const summary: string[] = [];
  if (root.kind !== 'Pod') {
    sections.push(`## ${root.kind} ${root.metadata?.namespace ?? ''}/${root.metadata?.name ?? ''}`, toYaml(sanitizer, root));
    for (const r of related) sections.push(`## ${r.kind} ${r.metadata?.name ?? ''}`, toYaml(sanitizer, r));
    sections.push('### events', formatEvents(await safe(eventsFor(clients, root, signal), [])));
  }
  for (const pod of pods) {
    const p = await capturePod(clients, sanitizer, pod, signal);
    summary.push(p.line);
    sections.push(p.text);
  }
  if (pods.length === 0) summary.push('no pods found');
  return { summary, files: [{ filename: `debug-${name}.txt`, title: `Debug capture of ${name}`, content: redactText(sections.join('\n\n')) }] };
}
