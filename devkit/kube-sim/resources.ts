import { EXTRA_GROUPS } from './resources-extra.js';
import type { Def, SubresourceType } from './resource-def.js';
import type { PrinterColumn } from './table-crd.js';

export type { Def, SubresourceType } from './resource-def.js';

/**
 * The resource type registry: what discovery advertises and what the router accepts. Built-in types
 * are fixed; CRDs add and remove entries at runtime.
 */
export interface ResourceType {
  group: string;
  version: string;
  /** Other versions the same stored objects are served under (CRDs with several versions). */
  servedVersions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: SubresourceType[];
  /** Whether writes to the main resource ignore `.status` (true when a status subresource exists). */
  hasStatus: boolean;
  /** A CRD version's `additionalPrinterColumns` (Table responses). */
  printerColumns?: PrinterColumn[];
  /** Verbs discovery advertises when not the full set (create-only reviews). */
  verbs?: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];


const status = (kind: string): SubresourceType => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
const scale: SubresourceType = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };

const BUILTIN: Record<string, Def[]> = {
  v1: [
    { plural: 'namespaces', kind: 'Namespace', namespaced: false, short: ['ns'], sub: [status('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }] },
    { plural: 'nodes', kind: 'Node', namespaced: false, short: ['no'], sub: [status('Node'), { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }] },
    {
      plural: 'pods',
      kind: 'Pod',
      short: ['po'],
      cat: ['all'],
      sub: [
        status('Pod'),
        { name: 'log', kind: 'Pod', verbs: ['get'] },
        { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
        { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
        { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
        { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      ],
    },
    { plural: 'services', kind: 'Service', short: ['svc'], cat: ['all'], sub: [status('Service'), { name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }] },
    { plural: 'configmaps', kind: 'ConfigMap', short: ['cm'] },
    { plural: 'secrets', kind: 'Secret' },
    { plural: 'events', kind: 'Event', short: ['ev'] },
    { plural: 'serviceaccounts', kind: 'ServiceAccount', short: ['sa'], sub: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }] },
    { plural: 'resourcequotas', kind: 'ResourceQuota', short: ['quota'], sub: [status('ResourceQuota')] },
    { plural: 'limitranges', kind: 'LimitRange', short: ['limits'] },
    { plural: 'endpoints', kind: 'Endpoints', short: ['ep'] },
    { plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', short: ['pvc'], sub: [status('PersistentVolumeClaim')] },
  ],
  'apps/v1': [
    { plural: 'deployments', kind: 'Deployment', short: ['deploy'], cat: ['all'], sub: [status('Deployment'), scale] },
    { plural: 'replicasets', kind: 'ReplicaSet', short: ['rs'], cat: ['all'], sub: [status('ReplicaSet'), scale] },
    { plural: 'statefulsets', kind: 'StatefulSet', short: ['sts'], cat: ['all'], sub: [status('StatefulSet'), scale] },
    { plural: 'daemonsets', kind: 'DaemonSet', short: ['ds'], cat: ['all'], sub: [status('DaemonSet')] },
    { plural: 'controllerrevisions', kind: 'ControllerRevision' },
  ],
  'batch/v1': [
    { plural: 'jobs', kind: 'Job', cat: ['all'], sub: [status('Job')] },
    { plural: 'cronjobs', kind: 'CronJob', short: ['cj'], cat: ['all'], sub: [status('CronJob')] },
  ],
  'policy/v1': [{ plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', short: ['pdb'], sub: [status('PodDisruptionBudget')] }],
  'events.k8s.io/v1': [{ plural: 'events', kind: 'Event', short: ['ev'] }],
  'coordination.k8s.io/v1': [{ plural: 'leases', kind: 'Lease' }],
  'apiextensions.k8s.io/v1': [
    { plural: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false, short: ['crd', 'crds'], sub: [status('CustomResourceDefinition')] },
  ],
  'autoscaling/v2': [{ plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', short: ['hpa'], cat: ['all'], also: ['v1'], sub: [status('HorizontalPodAutoscaler')] }],
  ...EXTRA_GROUPS,
};

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

function fromDef(apiVersion: string, d: Def): ResourceType {
  const { group, version } = splitApiVersion(apiVersion);
  const sub = d.sub ?? [];
  return {
    group,
    version,
    servedVersions: [version, ...(d.also ?? [])],
    plural: d.plural,
    singular: d.kind.toLowerCase(),
    kind: d.kind,
    namespaced: d.namespaced ?? true,
    shortNames: d.short ?? [],
    categories: d.cat ?? [],
    subresources: sub,
    hasStatus: sub.some((s) => s.name === 'status'),
    ...(d.verbs ? { verbs: d.verbs } : {}),
  };
}

export const allVerbs = ALL_VERBS;

export class ResourceRegistry {
  private readonly types: ResourceType[] = [];

  constructor() {
    for (const [apiVersion, defs] of Object.entries(BUILTIN)) for (const d of defs) this.types.push(fromDef(apiVersion, d));
  }

  all(): readonly ResourceType[] {
    return this.types;
  }

  add(type: ResourceType): void {
    this.remove(type.group, type.plural);
    this.types.push(type);
  }

  remove(group: string, plural: string): void {
    const i = this.types.findIndex((t) => t.group === group && t.plural === plural);
    if (i >= 0) this.types.splice(i, 1);
  }

  byPlural(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.plural === plural && t.servedVersions.includes(version));
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    return this.types.find((t) => t.group === group && t.kind === kind && t.servedVersions.includes(version));
  }

  /** Group → served versions, preferred (first registered) first. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const t of this.types) {
      const versions = out.get(t.group) ?? [];
      for (const v of t.servedVersions) if (!versions.includes(v)) versions.push(v);
      out.set(t.group, versions);
    }
    return out;
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.servedVersions.includes(version));
  }
}
