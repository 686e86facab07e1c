import type { ClusterClients } from '../client/cluster-registry.js';
import { listAll } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { isPending } from './release-reader.js';

/** One stored revision as Helm labels its record (no decoding needed). */
export interface RevisionLabel {
  release: string;
  version: number;
  status: string;
}

/** A release whose latest revision did not end `deployed`: what it is and what fixes it. */
export interface ReleaseTrouble {
  release: string;
  version: number;
  status: string;
  /** pending-* blocks every further Helm operation; failed only says the last change did not land. */
  blocking: boolean;
  /** Plain text: what happened and the fix. */
  text: string;
}

function labelOf(item: KObject): RevisionLabel | undefined {
  const l = item.metadata?.labels ?? {};
  const version = Number(l['version']);
  if (l['owner'] !== 'helm' || !l['name'] || !Number.isInteger(version)) return undefined;
  return { release: l['name'], version, status: l['status'] ?? 'unknown' };
}

/** Every Helm revision in a namespace, from the labels of its Secrets and ConfigMaps (both storage drivers). */
export async function namespaceRevisions(clients: ClusterClients, namespace: string, signal?: AbortSignal): Promise<RevisionLabel[]> {
  const ns = encodeURIComponent(namespace);
  const lists = await Promise.all(['secrets', 'configmaps'].map((r) => listAll<KObject>(clients, `/api/v1/namespaces/${ns}/${r}`, { labelSelector: 'owner=helm' }, signal)));
  return lists.flat().flatMap((item) => labelOf(item) ?? []);
}

/**
 * Per release, the latest revision when it is `failed` or `pending-*`, with the fix. A pending
 * revision is what an interrupted helm leaves behind; helm refuses to upgrade until it is resolved.
 */
export function releaseTroubles(revisions: readonly RevisionLabel[]): ReleaseTrouble[] {
  const byRelease = new Map<string, RevisionLabel[]>();
  for (const r of revisions) byRelease.set(r.release, [...(byRelease.get(r.release) ?? []), r]);
  const out: ReleaseTrouble[] = [];
  for (const [release, revs] of [...byRelease].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...revs].sort((a, b) => a.version - b.version);
    const latest = sorted.at(-1);
    if (!latest || (latest.status !== 'failed' && !isPending(latest.status))) continue;
    const deployed = [...sorted].reverse().find((r) => r.status === 'deployed');
    const back = deployed ? `helm rollback ${release} ${deployed.version} (or /k8s rollback with --to ${deployed.version})` : `helm rollback ${release} or helm uninstall ${release}`;
    out.push(
      isPending(latest.status)
        ? { release, version: latest.version, status: latest.status, blocking: true, text: `Helm release ${release} is stuck in ${latest.status} at revision ${latest.version}: helm refuses further upgrades until it is resolved; fix: ${back}` }
        : { release, version: latest.version, status: latest.status, blocking: false, text: `Helm release ${release}: revision ${latest.version} failed${deployed ? `; revision ${deployed.version} is still the deployed one` : ''}; retry the upgrade or ${back}` },
    );
  }
  return out;
}
