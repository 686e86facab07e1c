import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from './k8s-object.js';
import { listAll } from '../client/kube-call.js';
import { redactText } from './redaction.js';

export interface EventLine {
  type: string;
  reason: string;
  message: string;
  count: number;
  last: string;
}

/** Events about one object (describe's "Events:" section), oldest first. */
export async function eventsFor(clients: ClusterClients, obj: KObject, signal?: AbortSignal): Promise<EventLine[]> {
  const ns = obj.metadata?.namespace ?? '';
  const selector = [
    `involvedObject.name=${obj.metadata?.name ?? ''}`,
    ns ? `involvedObject.namespace=${ns}` : undefined,
    obj.kind ? `involvedObject.kind=${obj.kind}` : undefined,
    obj.metadata?.uid ? `involvedObject.uid=${obj.metadata.uid}` : undefined,
  ].filter(Boolean).join(',');
  const path = ns ? `/api/v1/namespaces/${ns}/events` : '/api/v1/events';
  const items = await listAll(clients, path, { fieldSelector: selector }, signal);
  return items
    .map((e) => ({
      type: String(e['type'] ?? ''),
      reason: String(e['reason'] ?? ''),
      message: redactText(String(e['message'] ?? '')),
      count: typeof e['count'] === 'number' ? e['count'] : 1,
      last: String(e['lastTimestamp'] ?? e['eventTime'] ?? e.metadata?.creationTimestamp ?? ''),
    }))
    .sort((a, b) => a.last.localeCompare(b.last));
}

export function formatEvents(events: EventLine[]): string {
  if (events.length === 0) return '<none>';
  return events.map((e) => `${e.last}  ${e.type}  ${e.reason}  (x${e.count})  ${e.message}`).join('\n');
}
