import type { ResourceType } from './resources.js';
import { qosClass } from './qos.js';
import { selectorMatches } from './selectors.js';
import { invalid } from './status.js';
import type { Container, KubeObject, LabelSelector, Obj, PodSpec, PodTemplate } from './types.js';
import { isObj } from './types.js';

/**
 * Defaulting and the cheap part of validation, applied to every write whichever way it arrives
 * (HTTP, test setup, controllers), so objects look like what a real apiserver returns.
 */
function defaultContainer(c: Container): void {
  const image = c.image ?? '';
  c.imagePullPolicy ??= image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
}

export function defaultPodSpec(spec: PodSpec): void {
  spec.containers ??= [];
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

function defaultTemplate(template: PodTemplate | undefined): void {
  if (!template) return;
  template.metadata ??= {};
  template.spec ??= { containers: [] };
  defaultPodSpec(template.spec);
}

interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  [key: string]: unknown;
}

function workloadSpec(obj: KubeObject): WorkloadSpec {
  if (!isObj(obj.spec)) obj.spec = {};
  return obj.spec as WorkloadSpec;
}

const DEFAULTERS: Record<string, (obj: KubeObject) => void> = {
  '/Namespace': (obj) => {
    obj.spec = { finalizers: ['kubernetes'], ...(isObj(obj.spec) ? obj.spec : {}) };
    obj.status = { phase: 'Active', ...(isObj(obj.status) ? obj.status : {}) };
  },
  '/Pod': (obj) => {
    const spec = workloadSpec(obj) as unknown as PodSpec;
    defaultPodSpec(spec);
    spec.serviceAccountName ??= 'default';
    obj.status = isObj(obj.status) ? obj.status : { phase: 'Pending', qosClass: qosClass(spec) };
  },
  '/Secret': (obj) => {
    obj.type ??= 'Opaque';
    if (isObj(obj.stringData)) {
      const data: Obj = isObj(obj.data) ? obj.data : {};
      for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v)).toString('base64');
      obj.data = data;
      delete obj.stringData;
    }
  },
  '/Service': (obj) => {
    const spec = workloadSpec(obj);
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
      spec.clusterIP = `10.96.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
      spec.clusterIPs = [spec.clusterIP];
    }
  },
  'apps/Deployment': (obj) => {
    const spec = workloadSpec(obj);
    spec.replicas ??= 1;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec.template);
  },
  'apps/ReplicaSet': (obj) => {
    const spec = workloadSpec(obj);
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
  },
  'apps/StatefulSet': (obj) => {
    const spec = workloadSpec(obj);
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.revisionHistoryLimit ??= 10;
    spec.serviceName ??= '';
    defaultTemplate(spec.template);
  },
  'apps/DaemonSet': (obj) => {
    const spec = workloadSpec(obj);
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
    spec.revisionHistoryLimit ??= 10;
    defaultTemplate(spec.template);
  },
  'scheduling.k8s.io/PriorityClass': (obj) => {
    obj.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  'batch/Job': (obj) => {
    const spec = workloadSpec(obj);
    spec.backoffLimit ??= 6;
    spec.completions ??= 1;
    spec.parallelism ??= 1;
    defaultTemplate(spec.template);
  },
};

const WORKLOADS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet']);

function validate(type: ResourceType, obj: KubeObject): void {
  const name = obj.metadata.name || obj.metadata.generateName || '';
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw invalid(type.kind, type.group, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  }
  if (!WORKLOADS.has(`${type.group}/${type.kind}`)) return;
  const spec = workloadSpec(obj);
  if (!spec.selector) throw invalid(type.kind, type.group, name, [{ field: 'spec.selector', message: 'Required value' }]);
  const labels = spec.template?.metadata?.labels;
  if (!selectorMatches(spec.selector, labels)) {
    throw invalid(type.kind, type.group, name, [
      { field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\`` },
    ]);
  }
  if ((spec.template?.spec.containers ?? []).length === 0) {
    throw invalid(type.kind, type.group, name, [{ field: 'spec.template.spec.containers', message: 'Required value' }]);
  }
}

/** Default then validate; mutates `obj`. */
export function admit(type: ResourceType, obj: KubeObject): void {
  if (!isObj(obj.metadata)) obj.metadata = { name: '', uid: '', resourceVersion: '', creationTimestamp: '' };
  DEFAULTERS[`${type.group}/${type.kind}`]?.(obj);
  validate(type, obj);
}
