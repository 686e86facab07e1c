import type { ClusterClients } from '../client/cluster-registry.js';
import { NotFoundError, ShipmateError } from '../../core/errors.js';
import { getFlux, sourceOf, type FluxObject, type FluxRef } from './flux-object.js';

/** The rendered source of a Flux Kustomization: which repository, and the exact commit source-controller published. */
export interface FluxGitSource {
  repository: FluxRef;
  url: string;
  /** `main@sha1:<sha>` as `status.artifact.revision` says it. */
  revision: string;
  sha: string;
}

export type FluxSourceResult = { ok: true; source: FluxGitSource } | { ok: false; reason: string };

/**
 * The commit in an artifact revision: `<ref>@sha1:<sha>` (Flux 2) or `<branch>/<sha>` (before
 * Flux 2.0). Other forms (sha256 repositories, OCI digests) are not a Git commit Shipmate can fetch.
 */
export function shaOfRevision(revision: string): string | undefined {
  return /(?:^|@)sha1:([0-9a-f]{40})$/.exec(revision)?.[1] ?? /(?:^|\/)([0-9a-f]{40})$/.exec(revision)?.[1];
}

/** Reads the GitRepository a Kustomization builds from; any answer but a fetchable commit is a reason. */
export async function fluxGitSource(clients: ClusterClients, ks: FluxObject, signal?: AbortSignal): Promise<FluxSourceResult> {
  const ref = sourceOf(ks, 'Kustomization');
  if (!ref) return { ok: false, reason: `its source is a ${ks.spec?.sourceRef?.kind ?? 'missing'} source, not a GitRepository` };
  let repo: FluxObject;
  try {
    repo = await getFlux(clients, ref, signal);
  } catch (err) {
    if (err instanceof NotFoundError) return { ok: false, reason: `its source GitRepository ${ref.namespace}/${ref.name} does not exist` };
    if (err instanceof ShipmateError && err.code !== 'cancelled') return { ok: false, reason: `its source GitRepository ${ref.namespace}/${ref.name} could not be read: ${err.userMessage}` };
    throw err;
  }
  const url = typeof repo.spec?.['url'] === 'string' ? repo.spec['url'] : '';
  const revision = repo.status?.artifact?.revision ?? '';
  if (!url) return { ok: false, reason: `GitRepository ${ref.namespace}/${ref.name} has no spec.url` };
  if (!revision) return { ok: false, reason: `GitRepository ${ref.namespace}/${ref.name} has no artifact yet (source-controller has not fetched it)` };
  const sha = shaOfRevision(revision);
  if (!sha) return { ok: false, reason: `GitRepository ${ref.namespace}/${ref.name}'s artifact revision ${revision.slice(0, 80)} names no Git commit` };
  return { ok: true, source: { repository: ref, url, revision, sha } };
}

/**
 * One spelling per repository, for matching a GitRepository's URL with `gitops.repos.*.url`:
 * scheme, credentials, a trailing `/` or `.git` and the host's case do not matter, and
 * `git@host:org/repo` is the same repository as `ssh://git@host/org/repo` or `https://host/org/repo`.
 */
export function repoKey(url: string): string {
  const scp = /^[^/@:]+@([^:/]+):(?!\/)(.+)$/.exec(url.trim());
  let host: string;
  let path: string;
  if (scp) {
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  } else {
    try {
      const u = new URL(url.trim());
      host = u.port && (u.protocol === 'http:' || u.protocol === 'https:') ? `${u.hostname}:${u.port}` : u.hostname;
      path = u.pathname;
    } catch {
      return url.trim();
    }
  }
  return `${host.toLowerCase()}/${path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '')}`;
}
