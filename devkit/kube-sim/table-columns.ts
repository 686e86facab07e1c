import { age } from './duration.js';
import { selectorToString } from './selectors.js';
import type { Condition, Container, KubeObject, LabelSelector, Obj, PodTemplate } from './types.js';
import { isObj } from './types.js';

/** Server-side printer columns (kube `pkg/printers/internalversion`): names, order and cell formats. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'date';
  priority?: number;
  format?: string;
  cell: (obj: KubeObject) => string | number | boolean;
}

type Cell = Column['cell'];
const s = (name: string, cell: Cell, priority = 0): Column => ({ name, type: 'string', priority, cell });
const n = (name: string, cell: Cell, priority = 0): Column => ({ name, type: 'integer', priority, cell });
const NAME: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const AGE = s('Age', (o) => age(o.metadata.creationTimestamp));

function spec(o: KubeObject): Obj {
  return isObj(o.spec) ? o.spec : {};
}
function status(o: KubeObject): Obj {
  return isObj(o.status) ? o.status : {};
}
function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}
function template(o: KubeObject): PodTemplate | undefined {
  return spec(o).template as PodTemplate | undefined;
}
function containers(o: KubeObject): string {
  return (template(o)?.spec.containers ?? []).map((c: Container) => c.name).join(',');
}
function images(o: KubeObject): string {
  return (template(o)?.spec.containers ?? []).map((c: Container) => c.image ?? '').join(',');
}
function selector(o: KubeObject): string {
  return selectorToString(spec(o).selector as LabelSelector | undefined) || '<none>';
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; running?: Obj; terminated?: { reason?: string; exitCode?: number; finishedAt?: string } };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** The pod STATUS column, following the printer's reason precedence. */
export function podReason(o: KubeObject): string {
  const st = status(o);
  let reason = (st.reason as string | undefined) ?? (st.phase as string | undefined) ?? 'Pending';
  let hasRunning = false;
  const statuses = ((st.containerStatuses as ContainerStatus[] | undefined) ?? []).slice().reverse();
  for (const cs of statuses) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated) reason = cs.state.terminated.reason ?? `ExitCode:${cs.state.terminated.exitCode ?? 0}`;
    else if (cs.ready && cs.state?.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  if (o.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function podReady(o: KubeObject): string {
  const total = (spec(o).containers as unknown[] | undefined)?.length ?? 0;
  const ready = ((status(o).containerStatuses as ContainerStatus[] | undefined) ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

function podRestarts(o: KubeObject): string {
  const statuses = (status(o).containerStatuses as ContainerStatus[] | undefined) ?? [];
  const restarts = statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const last = statuses.map((c) => c.lastState?.terminated?.finishedAt).filter((t): t is string => Boolean(t)).sort().pop();
  return last && restarts > 0 ? `${restarts} (${age(last)} ago)` : String(restarts);
}

function nodeStatus(o: KubeObject): string {
  const ready = ((status(o).conditions as Condition[] | undefined) ?? []).find((c) => c.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return spec(o).unschedulable ? `${base},SchedulingDisabled` : base;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

function nodeInfo(o: KubeObject, key: string): string {
  const info = isObj(status(o).nodeInfo) ? (status(o).nodeInfo as Obj) : {};
  return typeof info[key] === 'string' ? info[key] : '<unknown>';
}

function nodeAddress(o: KubeObject, type: string): string {
  const list = (status(o).addresses as { type: string; address: string }[] | undefined) ?? [];
  return list.find((a) => a.type === type)?.address ?? '<none>';
}

function quotaPairs(o: KubeObject, prefix: (k: string) => boolean): string {
  const hard = (status(o).hard ?? spec(o).hard ?? {}) as Record<string, string>;
  const used = (status(o).used ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .filter(prefix)
    .sort()
    .map((k) => `${k}: ${used[k] ?? '0'}/${hard[k] ?? ''}`)
    .join(', ');
}

function involved(o: KubeObject): Obj {
  return isObj(o.involvedObject) ? o.involvedObject : {};
}

function intOrPct(v: unknown): string {
  return v === undefined ? 'N/A' : String(v as string | number);
}

export const COLUMNS: Record<string, Column[]> = {
  '/pods': [
    NAME,
    s('Ready', podReady),
    s('Status', podReason),
    s('Restarts', podRestarts),
    AGE,
    s('IP', (o) => (status(o).podIP as string | undefined) ?? '<none>', 1),
    s('Node', (o) => (spec(o).nodeName as string | undefined) ?? '<none>', 1),
    s('Nominated Node', () => '<none>', 1),
    s('Readiness Gates', () => '<none>', 1),
  ],
  'apps/deployments': [
    NAME,
    s('Ready', (o) => `${num(status(o).readyReplicas)}/${num(spec(o).replicas)}`),
    n('Up-to-date', (o) => num(status(o).updatedReplicas)),
    n('Available', (o) => num(status(o).availableReplicas)),
    AGE,
    s('Containers', containers, 1),
    s('Images', images, 1),
    s('Selector', selector, 1),
  ],
  'apps/replicasets': [
    NAME,
    n('Desired', (o) => num(spec(o).replicas)),
    n('Current', (o) => num(status(o).replicas)),
    n('Ready', (o) => num(status(o).readyReplicas)),
    AGE,
    s('Containers', containers, 1),
    s('Images', images, 1),
    s('Selector', selector, 1),
  ],
  'apps/statefulsets': [
    NAME,
    s('Ready', (o) => `${num(status(o).readyReplicas)}/${num(spec(o).replicas)}`),
    AGE,
    s('Containers', containers, 1),
    s('Images', images, 1),
  ],
  'apps/daemonsets': [
    NAME,
    n('Desired', (o) => num(status(o).desiredNumberScheduled)),
    n('Current', (o) => num(status(o).currentNumberScheduled)),
    n('Ready', (o) => num(status(o).numberReady)),
    n('Up-to-date', (o) => num(status(o).updatedNumberScheduled)),
    n('Available', (o) => num(status(o).numberAvailable)),
    s('Node Selector', (o) => {
      const sel = (template(o)?.spec.nodeSelector ?? {}) as Record<string, string>;
      return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
    }),
    AGE,
    s('Containers', containers, 1),
    s('Images', images, 1),
    s('Selector', selector, 1),
  ],
  '/nodes': [
    NAME,
    s('Status', nodeStatus),
    s('Roles', nodeRoles),
    AGE,
    s('Version', (o) => nodeInfo(o, 'kubeletVersion')),
    s('Internal-IP', (o) => nodeAddress(o, 'InternalIP'), 1),
    s('External-IP', (o) => nodeAddress(o, 'ExternalIP'), 1),
    s('OS-Image', (o) => nodeInfo(o, 'osImage'), 1),
    s('Kernel-Version', (o) => nodeInfo(o, 'kernelVersion'), 1),
    s('Container-Runtime', (o) => nodeInfo(o, 'containerRuntimeVersion'), 1),
  ],
  '/namespaces': [NAME, s('Status', (o) => (status(o).phase as string | undefined) ?? 'Active'), AGE],
  '/events': [
    s('Last Seen', (o) => age((o.lastTimestamp as string | undefined) ?? (o.eventTime as string | undefined) ?? o.metadata.creationTimestamp)),
    s('Type', (o) => (o.type as string | undefined) ?? 'Normal'),
    s('Reason', (o) => (o.reason as string | undefined) ?? ''),
    s('Object', (o) => `${String(involved(o).kind ?? '').toLowerCase()}/${String(involved(o).name ?? '')}`),
    s('Subobject', (o) => String(involved(o).fieldPath ?? ''), 1),
    s('Source', (o) => String((isObj(o.source) ? o.source.component : undefined) ?? ''), 1),
    s('Message', (o) => (o.message as string | undefined) ?? ''),
    s('First Seen', (o) => age(o.firstTimestamp as string | undefined), 1),
    n('Count', (o) => num(o.count), 1),
    s('Name', (o) => o.metadata.name, 1),
  ],
  '/secrets': [NAME, s('Type', (o) => (o.type as string | undefined) ?? 'Opaque'), n('Data', (o) => Object.keys(isObj(o.data) ? o.data : {}).length), AGE],
  '/configmaps': [NAME, n('Data', (o) => Object.keys(isObj(o.data) ? o.data : {}).length + Object.keys(isObj(o.binaryData) ? o.binaryData : {}).length), AGE],
  '/resourcequotas': [
    NAME,
    AGE,
    s('Request', (o) => quotaPairs(o, (k) => !k.startsWith('limits.'))),
    s('Limit', (o) => quotaPairs(o, (k) => k.startsWith('limits.'))),
  ],
  '/services': [
    NAME,
    s('Type', (o) => String(spec(o).type ?? 'ClusterIP')),
    s('Cluster-IP', (o) => String(spec(o).clusterIP ?? '<none>')),
    s('External-IP', () => '<none>'),
    s('Port(s)', (o) =>
      ((spec(o).ports as { port: number; protocol?: string }[] | undefined) ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
    ),
    AGE,
    s('Selector', (o) => Object.entries((spec(o).selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',') || '<none>', 1),
  ],
  'policy/poddisruptionbudgets': [
    NAME,
    s('Min Available', (o) => intOrPct(spec(o).minAvailable)),
    s('Max Unavailable', (o) => intOrPct(spec(o).maxUnavailable)),
    n('Allowed Disruptions', (o) => num(status(o).disruptionsAllowed)),
    AGE,
  ],
  'apps/controllerrevisions': [
    NAME,
    s('Controller', (o) => {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller);
      return ref ? `${ref.kind.toLowerCase()}.apps/${ref.name}` : '<none>';
    }),
    n('Revision', (o) => num(o.revision)),
    AGE,
  ],
};

export const DEFAULT_COLUMNS: Column[] = [NAME, AGE];
