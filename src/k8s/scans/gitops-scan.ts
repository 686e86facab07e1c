import type { Logger } from 'pino';
import { apiStatusCode, translateApiError } from '../client/api-errors.js';
import { DEFAULT_PAGE_SIZE, paginate, type ListPage } from '../client/paginate.js';
import type { ScanClients } from './clients.js';
import type { ClusterScanResult, Finding } from './finding.js';
import type { KObject } from '../objects/k8s-object.js';

// The few status fields the scan reads; scans/ builds on client/ and objects/ only, so these are
// declared here rather than taken from k8s/gitops.
interface Application extends KObject {
  spec?: { destination?: { namespace?: string } };
  status?: { health?: { status?: string; message?: string }; sync?: { status?: string }; resources?: { kind: string; name: string }[] };
}

interface FluxObject extends KObject {
  spec?: { suspend?: boolean; targetNamespace?: string };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[]; inventory?: { entries?: { id: string }[] } };
}

const readyOf = (obj: FluxObject) => obj.status?.conditions?.find((c) => c.type === 'Ready');

/** The GitOps objects the scan reads (group, version, plural, kind). */
const KINDS = [
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', kind: 'Application' },
  { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations', kind: 'Kustomization' },
  { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases', kind: 'HelmRelease' },
] as const;

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface GitOpsScanOptions {
  cluster: string;
  pageSize?: number;
  logger?: Logger;
}

/**
 * Argo CD Applications OutOfSync or Degraded, Flux Kustomizations/HelmReleases not Ready or
 * suspended. How long a state must last before it alerts is the caller's (it needs memory across
 * runs). The namespace is where the app runs, so alert mentions reach that app's owners.
 */
export async function scanGitOps(clients: ScanClients, options: GitOpsScanOptions): Promise<ClusterScanResult> {
  const limit = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const findings: Finding[] = [];
  let scanned = 0;
  const notes: string[] = [];
  try {
    for (const k of KINDS) {
      const pages = paginate<Application & FluxObject>(
        (cont) => clients.custom.listClusterCustomObject({ group: k.group, version: k.version, plural: k.plural, limit, ...(cont ? { _continue: cont } : {}) }) as Promise<ListPage<Application & FluxObject>>,
      );
      try {
        for await (const page of pages) {
          for (const obj of page) {
            scanned += 1;
            findings.push(...(k.kind === 'Application' ? applicationFindings(obj, options.cluster) : fluxFindings(obj, k.kind, options.cluster)));
          }
        }
      } catch (err) {
        if (apiStatusCode(err) !== 404) throw err;
        notes.push(`${k.plural}.${k.group} not installed`);
      }
    }
    return { ok: true, cluster: options.cluster, findings, scanned, notes };
  } catch (err) {
    options.logger?.warn({ err, cluster: options.cluster }, 'gitops scan failed');
    return { ok: false, cluster: options.cluster, reason: translateApiError(err, { verb: 'list', resource: 'Argo CD Applications and Flux objects' }).userMessage };
  }
}

/**
 * One finding per object, keyed by the object alone: a worse state on the same object (OutOfSync,
 * then Degraded) escalates it, and it resolves when the object is fine again.
 */
export function applicationFindings(app: Application, cluster: string): Finding[] {
  const ns = app.metadata?.namespace ?? '';
  const name = app.metadata?.name ?? '';
  const where = app.spec?.destination?.namespace ?? ns;
  const workloads = (app.status?.resources ?? []).filter((r) => WORKLOAD_KINDS.has(r.kind)).map((r) => ({ kind: r.kind, name: r.name }));
  const degraded = app.status?.health?.status === 'Degraded';
  const outOfSync = app.status?.sync?.status === 'OutOfSync';
  if (!degraded && !outOfSync) return [];
  const states = [
    ...(degraded ? [`health Degraded${app.status?.health?.message ? ` (${app.status.health.message})` : ''}`] : []),
    ...(outOfSync ? ['sync OutOfSync (the cluster differs from Git)'] : []),
  ];
  return [{
    key: `gitops/application/${ns}/${name}`, severity: degraded ? 'critical' : 'warn', cluster, namespace: where,
    object: `application/${ns}/${name}`, summary: `Argo CD ${states.join(', ')}`, workloads,
  }];
}

export function fluxFindings(obj: FluxObject, kind: 'Kustomization' | 'HelmRelease', cluster: string): Finding[] {
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  const target = obj.spec?.targetNamespace;
  const firstEntry = obj.status?.inventory?.entries?.[0]?.id.split('_')[0];
  const where = typeof target === 'string' && target ? target : firstEntry || ns;
  const workloads = (obj.status?.inventory?.entries ?? []).flatMap((e) => {
    const [, wname, group, wkind] = e.id.split('_');
    return group === 'apps' && wname && wkind && WORKLOAD_KINDS.has(wkind) ? [{ kind: wkind, name: wname }] : [];
  });
  const lower = kind.toLowerCase();
  const base = { key: `gitops/${lower}/${ns}/${name}`, cluster, namespace: where, object: `${lower}/${ns}/${name}`, workloads };
  // A suspended object's status is frozen (Flux does nothing at all), so suspension is the finding.
  if (obj.spec?.suspend === true) return [{ ...base, severity: 'warn', summary: `Flux ${kind} suspended (changes in Git are not applied)` }];
  const ready = readyOf(obj);
  if (ready && ready.status === 'False') return [{ ...base, severity: 'critical', summary: `Flux ${kind} not Ready: ${ready.reason ?? ''} ${ready.message ?? ''}`.trim() }];
  return [];
}
