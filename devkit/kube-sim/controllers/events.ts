import { randomBytes } from 'node:crypto';
import type { ClusterApi } from '../api.js';
import type { KubeObject } from '../types.js';
import { nowIso } from '../types.js';

/** Records core/v1 Events the way components do, folding repeats into `count`. */
export class EventRecorder {
  constructor(private readonly api: ClusterApi) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, fieldPath?: string): void {
    const eventType = this.api.typeByKind('v1', 'Event');
    const namespace = obj.metadata.namespace ?? 'default';
    const existing = this.api.store
      .list(eventType, namespace)
      .find((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === obj.metadata.uid && e.reason === reason && e.message === message);
    const now = nowIso();
    if (existing) {
      this.api.store.update(eventType, { ...existing, count: ((existing.count as number | undefined) ?? 1) + 1, lastTimestamp: now });
      return;
    }
    const nsType = this.api.typeByKind('v1', 'Namespace');
    if (!this.api.store.get(nsType, undefined, namespace)) return;
    this.api.store.create(eventType, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.metadata.name}.${randomBytes(8).toString('hex')}`, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component, ...(component === 'kubelet' && typeof (obj.spec as { nodeName?: string } | undefined)?.nodeName === 'string' ? { host: (obj.spec as { nodeName: string }).nodeName } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: '',
    });
  }
}
