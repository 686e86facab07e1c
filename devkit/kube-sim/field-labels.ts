import type { ResourceType } from './resources.js';
import type { ObjectFilter } from './selectors.js';
import { badRequest } from './status.js';

/**
 * The field labels each resource's field selectors accept (its `GetAttrs` / field label conversion
 * in kube 1.32). Every resource takes metadata.name and metadata.namespace; anything else is a 400.
 */
const EVENT_FIELDS = ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'];

const FIELDS: Record<string, string[]> = {
  '/pods': ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  '/events': EVENT_FIELDS,
  'events.k8s.io/events': EVENT_FIELDS,
  '/secrets': ['type'],
  '/nodes': ['spec.unschedulable'],
  '/namespaces': ['status.phase'],
  '/services': ['spec.clusterIP', 'spec.type'],
  'apps/replicasets': ['status.replicas'],
  'batch/jobs': ['status.successful'],
  'certificates.k8s.io/certificatesigningrequests': ['spec.signerName'],
};

const ALWAYS = ['metadata.name', 'metadata.namespace'];

/** Reject a field selector naming a label the resource does not support, with the apiserver's message. */
export function checkFieldLabels(type: ResourceType, filter: ObjectFilter): void {
  const allowed = FIELDS[`${type.group}/${type.plural}`] ?? [];
  for (const f of filter.fields) {
    if (!ALWAYS.includes(f.path) && !allowed.includes(f.path)) throw badRequest(`field label not supported: ${f.path}`);
  }
}
