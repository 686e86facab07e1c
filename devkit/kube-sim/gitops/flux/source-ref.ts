import type { StoreEvent } from '../../store.js';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import type { GitOpsContext } from '../context.js';
import { shaOfRevision } from './source-controller.js';

export interface SourceRef {
  kind?: string;
  name?: string;
  namespace?: string;
}

export type Artifact = { ok: true; url: string; sha: string; revision: string; root: string } | { ok: false; reason: 'ArtifactFailed'; message: string };

/** Find a dependent's GitRepository and check out its current artifact. */
export async function sourceArtifact(ctx: GitOpsContext, owner: KubeObject, ref: SourceRef | undefined): Promise<Artifact> {
  const namespace = ref?.namespace ?? owner.metadata.namespace ?? '';
  const name = ref?.name ?? '';
  if ((ref?.kind ?? 'GitRepository') !== 'GitRepository') {
    return { ok: false, reason: 'ArtifactFailed', message: `source kind '${ref?.kind ?? ''}' is not simulated; use a GitRepository` };
  }
  const type = ctx.api.typeByKind('source.toolkit.fluxcd.io/v1', 'GitRepository');
  const src = ctx.api.store.get(type, namespace, name);
  if (!src) return { ok: false, reason: 'ArtifactFailed', message: `Source 'GitRepository/${namespace}/${name}' not found` };
  const artifact = isObj(src.status) && isObj(src.status.artifact) ? src.status.artifact : undefined;
  const revision = typeof artifact?.revision === 'string' ? artifact.revision : '';
  const sha = shaOfRevision(revision);
  const url = isObj(src.spec) && typeof src.spec.url === 'string' ? src.spec.url : '';
  if (!sha || !url) return { ok: false, reason: 'ArtifactFailed', message: `Source artifact not found, retrying in 30s` };
  return { ok: true, url, sha, revision, root: await ctx.cache.checkout(url, sha) };
}

/** The dependents to requeue when a GitRepository publishes a new artifact revision. */
export function artifactChanged(e: StoreEvent): { namespace: string; name: string } | undefined {
  if (e.resource !== 'source.toolkit.fluxcd.io/gitrepositories' || e.type === 'DELETED') return undefined;
  const rev = (o: KubeObject | undefined): unknown => (o && isObj(o.status) && isObj(o.status.artifact) ? o.status.artifact.revision : undefined);
  if (rev(e.object) === rev(e.old)) return undefined;
  return { namespace: e.object.metadata.namespace ?? '', name: e.object.metadata.name };
}

export function refersTo(owner: KubeObject, ref: SourceRef | undefined, src: { namespace: string; name: string }): boolean {
  return (ref?.kind ?? 'GitRepository') === 'GitRepository' && ref?.name === src.name && (ref.namespace ?? owner.metadata.namespace) === src.namespace;
}
