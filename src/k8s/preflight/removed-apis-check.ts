import { ForbiddenError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { listAll } from '../client/kube-call.js';
import { blocker, warning, type CheckResult, type PreflightFinding } from './check-result.js';
import { describeVerdict, lookupDeprecatedApi } from './deprecated-apis.js';
import { currentReleases, manifestObjects, releaseFromSecret, revisionOfSecret, type HelmRelease } from './helm-release.js';
import type { KubeMinor } from './kube-version.js';
import { LAST_APPLIED_SOURCES, type NamespaceReader } from './namespace-reader.js';

/** An object as someone declared it: the apiVersion they wrote, not the one the server answers in. */
export interface ApiUse {
  /** Where the declaration was found, e.g. `Helm release shop (revision 3, chart shop-1.2.0)`. */
  source: string;
  apiVersion: string;
  kind: string;
  name: string;
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Live objects are served in whatever version is asked; only declarations say which one was used. */
export function checkRemovedApis(uses: readonly ApiUse[], target: KubeMinor, notes: string[]): CheckResult {
  const findings: PreflightFinding[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    const verdict = lookupDeprecatedApi(use.apiVersion, use.kind, target);
    const key = `${use.source}|${use.apiVersion}|${use.kind}|${use.name}`;
    if (!verdict || seen.has(key)) continue;
    seen.add(key);
    const text = `${use.source}: ${describeVerdict(use.kind, use.name, verdict)}`;
    findings.push(verdict.state === 'removed' ? blocker(text) : warning(text));
  }
  return { title: 'Removed APIs', findings, notes };
}

export function releaseUses(release: HelmRelease): ApiUse[] {
  const source = `Helm release ${release.name} (revision ${release.version}${release.chart ? `, chart ${release.chart}` : ''})`;
  return manifestObjects(release.manifest).map((o) => ({ source, ...o }));
}

/** What `kubectl apply` last sent for each object; objects without the annotation say nothing. */
export function lastAppliedUses(objects: readonly KObject[]): ApiUse[] {
  const uses: ApiUse[] = [];
  for (const obj of objects) {
    const text = obj.metadata?.annotations?.[LAST_APPLIED];
    if (!text) continue;
    let applied: KObject;
    try {
      applied = JSON.parse(text) as KObject;
    } catch {
      continue; // a hand-edited annotation is not worth failing a preflight over
    }
    if (typeof applied.apiVersion !== 'string' || typeof applied.kind !== 'string') continue;
    const name = obj.metadata?.name ?? '';
    const source = `last-applied-configuration of ${(obj.kind ?? applied.kind).toLowerCase()}/${name}`;
    uses.push({ source, apiVersion: applied.apiVersion, kind: applied.kind, name: applied.metadata?.name ?? name });
  }
  return uses;
}

/** Helm release records of the namespace, decoded; records that do not decode are noted, not fatal. */
export async function helmReleases(clients: ClusterClients, namespace: string, signal: AbortSignal): Promise<{ releases: HelmRelease[]; notes: string[] }> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
  let secrets: KObject[];
  try {
    secrets = await listAll(clients, path, { labelSelector: 'owner=helm' }, signal);
  } catch (err) {
    if (err instanceof ForbiddenError) return { releases: [], notes: [`Helm releases not read: ${err.userMessage}`] };
    throw err;
  }
  // Choose the current revisions by their labels first: only those records get decoded.
  const current = currentReleases(secrets.flatMap((secret) => revisionOfSecret(secret) ?? []));
  const releases: HelmRelease[] = [];
  const notes: string[] = [];
  for (const { secret } of current) {
    try {
      const release = releaseFromSecret(secret);
      if (release) releases.push(release);
    } catch {
      notes.push(`Helm release record ${secret.metadata?.name ?? '?'} could not be decoded`);
    }
  }
  return { releases, notes };
}

/** Every declared apiVersion in the namespace: current Helm release manifests and last-applied annotations. */
export async function gatherApiUses(clients: ClusterClients, reader: NamespaceReader, signal: AbortSignal): Promise<{ uses: ApiUse[]; notes: string[] }> {
  const helm = await helmReleases(clients, reader.namespace, signal);
  const listed = await Promise.all(LAST_APPLIED_SOURCES.map((r) => reader.list(r)));
  const objects = listed.flatMap((l) => l.items);
  const applied = lastAppliedUses(objects);
  const notes = [
    `${helm.releases.length} Helm release(s); ${applied.length} object(s) with a last-applied-configuration`,
    ...helm.notes,
    ...listed.flatMap((l) => (l.problem ? [l.problem] : [])),
  ];
  return { uses: [...helm.releases.flatMap(releaseUses), ...applied], notes };
}
