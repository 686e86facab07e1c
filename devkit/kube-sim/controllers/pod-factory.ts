import type { KubeObject, PodTemplate } from '../types.js';
import { clone } from '../types.js';
import { qosClass } from '../qos.js';
import { ownerRef } from './pod-util.js';

/** A pod object stamped from a controller's template, owned by that controller. */
export function podFromTemplate(owner: KubeObject, template: PodTemplate, name: { name?: string; generateName?: string }, extraLabels: Record<string, string> = {}): KubeObject {
  const t = clone(template);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(name.name ? { name: name.name } : { name: '', generateName: name.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace ?? 'default',
      labels: { ...(t.metadata?.labels ?? {}), ...extraLabels },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [ownerRef(owner)],
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
    },
    spec: t.spec,
    status: { phase: 'Pending', qosClass: qosClass(t.spec) },
  };
}
