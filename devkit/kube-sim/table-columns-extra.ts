import { age, humanDuration } from './duration.js';
import { selectorToString } from './selectors.js';
import type { Column } from './table-columns.js';
import type { Condition, Container, KubeObject, LabelSelector, Obj, PodTemplate } from './types.js';
import { isObj } from './types.js';

/** Printer columns of the kinds added beside the workload core (kube `pkg/printers/internalversion`). */
type Cell = Column['cell'];
const s = (name: string, cell: Cell, priority = 0): Column => ({ name, type: 'string', priority, cell });
const n = (name: string, cell: Cell, priority = 0): Column => ({ name, type: 'integer', priority, cell });
const NAME: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const AGE = s('Age', (o) => age(o.metadata.creationTimestamp));
const CREATED_AT: Column = { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp };

const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const spec = (o: KubeObject): Obj => obj(o.spec);
const status = (o: KubeObject): Obj => obj(o.status);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function podSpecOf(template: unknown): { containers: Container[] } {
  return (obj(template) as unknown as PodTemplate).spec ?? { containers: [] };
}
const containers = (t: unknown): string => list<Container>(podSpecOf(t).containers).map((c) => c.name).join(',');
const images = (t: unknown): string => list<Container>(podSpecOf(t).containers).map((c) => c.image ?? '').join(',');

function hasCondition(o: KubeObject, type: string): boolean {
  return list<Condition>(status(o).conditions).some((c) => c.type === type && c.status === 'True');
}

function jobStatus(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobCompletions(o: KubeObject): string {
  const completions = spec(o).completions;
  const succeeded = num(status(o).succeeded);
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = typeof spec(o).parallelism === 'number' ? (spec(o).parallelism as number) : 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject): string {
  const start = status(o).startTime;
  if (typeof start !== 'string') return '';
  const end = typeof status(o).completionTime === 'string' ? Date.parse(status(o).completionTime as string) : Date.now();
  return humanDuration(end - Date.parse(start));
}

function hpaTargets(o: KubeObject): string {
  const current = list<Obj>(status(o).currentMetrics);
  const parts = list<Obj>(spec(o).metrics).map((m, i) => {
    const r = obj(m.resource);
    const target = obj(r.target);
    const cur = obj(obj(current[i]?.resource).current);
    const want = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : String(target.averageValue ?? target.value ?? '<unknown>');
    const have = typeof cur.averageUtilization === 'number' ? `${cur.averageUtilization}%` : '<unknown>';
    return `${String(r.name ?? m.type ?? '')}: ${have}/${want}`;
  });
  return parts.length ? parts.join(', ') : '<none>';
}

function endpointsList(o: KubeObject): string {
  const all: string[] = [];
  for (const subset of list<Obj>(o.subsets)) {
    const ports = list<Obj>(subset.ports);
    for (const a of list<Obj>(subset.addresses)) {
      if (ports.length === 0) all.push(String(a.ip));
      for (const p of ports) all.push(`${String(a.ip)}:${String(p.port)}`);
    }
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function subjects(o: KubeObject, kind: string): string {
  return list<Obj>(o.subjects)
    .filter((x) => x.kind === kind)
    .map((x) => (kind === 'ServiceAccount' ? `${String(x.namespace ?? '')}/${String(x.name)}` : String(x.name)))
    .join(', ');
}
const roleRef = (o: KubeObject): string => `${String(obj(o.roleRef).kind ?? '')}/${String(obj(o.roleRef).name ?? '')}`;
const BINDING = [NAME, s('Role', roleRef), AGE, s('Users', (o) => subjects(o, 'User'), 1), s('Groups', (o) => subjects(o, 'Group'), 1), s('ServiceAccounts', (o) => subjects(o, 'ServiceAccount'), 1)];

function ingressHosts(o: KubeObject): string {
  const hosts = list<Obj>(spec(o).rules).map((r) => String(r.host ?? '*'));
  return hosts.length ? hosts.join(',') : '*';
}

export const EXTRA_COLUMNS: Record<string, Column[]> = {
  'batch/jobs': [
    NAME,
    s('Status', jobStatus),
    s('Completions', jobCompletions),
    s('Duration', jobDuration),
    AGE,
    s('Containers', (o) => containers(spec(o).template), 1),
    s('Images', (o) => images(spec(o).template), 1),
    s('Selector', (o) => selectorToString(spec(o).selector as LabelSelector | undefined) || '<none>', 1),
  ],
  'batch/cronjobs': [
    NAME,
    s('Schedule', (o) => String(spec(o).schedule ?? '')),
    s('Timezone', (o) => String(spec(o).timeZone ?? '<none>')),
    s('Suspend', (o) => (spec(o).suspend === true ? 'True' : 'False')),
    n('Active', (o) => list(status(o).active).length),
    s('Last Schedule', (o) => (typeof status(o).lastScheduleTime === 'string' ? age(status(o).lastScheduleTime as string) : '<none>')),
    AGE,
    s('Containers', (o) => containers(obj(obj(spec(o).jobTemplate).spec).template), 1),
    s('Images', (o) => images(obj(obj(spec(o).jobTemplate).spec).template), 1),
    s('Selector', () => '<none>', 1),
  ],
  '/serviceaccounts': [NAME, n('Secrets', (o) => list(o.secrets).length), AGE],
  '/limitranges': [NAME, CREATED_AT],
  '/endpoints': [NAME, s('Endpoints', endpointsList), AGE],
  'autoscaling/horizontalpodautoscalers': [
    NAME,
    s('Reference', (o) => `${String(obj(spec(o).scaleTargetRef).kind ?? '')}/${String(obj(spec(o).scaleTargetRef).name ?? '')}`),
    s('Targets', hpaTargets),
    s('MinPods', (o) => String(spec(o).minReplicas ?? '<unset>')),
    n('MaxPods', (o) => num(spec(o).maxReplicas)),
    n('Replicas', (o) => num(status(o).currentReplicas)),
    AGE,
  ],
  'coordination.k8s.io/leases': [NAME, s('Holder', (o) => String(spec(o).holderIdentity ?? '')), AGE],
  'apiextensions.k8s.io/customresourcedefinitions': [NAME, CREATED_AT],
  'rbac.authorization.k8s.io/roles': [NAME, CREATED_AT],
  'rbac.authorization.k8s.io/clusterroles': [NAME, CREATED_AT],
  'rbac.authorization.k8s.io/rolebindings': BINDING,
  'rbac.authorization.k8s.io/clusterrolebindings': BINDING,
  'scheduling.k8s.io/priorityclasses': [
    NAME,
    n('Value', (o) => num(o.value)),
    { name: 'Global-Default', type: 'boolean', priority: 0, cell: (o) => o.globalDefault === true },
    AGE,
    s('PreemptionPolicy', (o) => String(o.preemptionPolicy ?? '')),
  ],
  'networking.k8s.io/ingresses': [
    NAME,
    s('Class', (o) => String(spec(o).ingressClassName ?? '<none>')),
    s('Hosts', ingressHosts),
    s('Address', (o) => list<Obj>(obj(status(o).loadBalancer).ingress).map((i) => String(i.ip ?? i.hostname ?? '')).join(',')),
    s('Ports', (o) => (list(spec(o).tls).length ? '80, 443' : '80')),
    AGE,
  ],
  'networking.k8s.io/ingressclasses': [NAME, s('Controller', (o) => String(spec(o).controller ?? '')), s('Parameters', () => '<none>'), AGE],
  'networking.k8s.io/networkpolicies': [NAME, s('Pod-Selector', (o) => selectorToString(spec(o).podSelector as LabelSelector | undefined)), AGE],
  'storage.k8s.io/storageclasses': [
    { ...NAME, cell: (o) => `${o.metadata.name}${o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? ' (default)' : ''}` },
    s('Provisioner', (o) => String(o.provisioner ?? '')),
    s('ReclaimPolicy', (o) => String(o.reclaimPolicy ?? 'Delete')),
    s('VolumeBindingMode', (o) => String(o.volumeBindingMode ?? 'Immediate')),
    s('AllowVolumeExpansion', (o) => String(o.allowVolumeExpansion === true)),
    AGE,
  ],
  'discovery.k8s.io/endpointslices': [
    NAME,
    s('AddressType', (o) => String(o.addressType ?? '')),
    s('Ports', (o) => list<Obj>(o.ports).map((p) => String(p.port)).join(',') || '<unset>'),
    s('Endpoints', (o) => list<Obj>(o.endpoints).flatMap((e) => list<string>(e.addresses)).join(',') || '<unset>'),
    AGE,
  ],
};
