import { createHash } from 'node:crypto';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import type { GitOpsContext } from '../context.js';
import { now } from '../context.js';
import { ordered, removeCondition, setCondition } from './conditions.js';
import type { FluxCondition } from './conditions.js';
import { FluxController } from './flux-controller.js';

interface GitRef {
  branch?: string;
  tag?: string;
  commit?: string;
  name?: string;
}

/** What to resolve, and the `<name>@sha1:` prefix source-controller puts on the artifact revision. */
function target(ref: GitRef | undefined): { want: string; prefix: string } {
  if (ref?.commit) return { want: ref.commit, prefix: ref.branch ? `${ref.branch}@` : '' };
  if (ref?.name) return { want: ref.name, prefix: `${ref.name}@` };
  if (ref?.tag) return { want: ref.tag, prefix: `${ref.tag}@` };
  const branch = ref?.branch ?? 'master';
  return { want: branch, prefix: `${branch}@` };
}

/** The sha in an artifact revision such as `main@sha1:0123…`. */
export function shaOfRevision(revision: string): string | undefined {
  return /sha1:([0-9a-f]{40})$/.exec(revision)?.[1];
}

/**
 * Flux source-controller for GitRepository (source.toolkit.fluxcd.io/v1): fetch `spec.url` at
 * `spec.ref`, publish `status.artifact` (revision `main@sha1:<sha>`) with Ready/ArtifactInStorage.
 */
export class FluxSourceController extends FluxController {
  constructor(ctx: GitOpsContext) {
    super(ctx, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 'source-controller');
  }

  protected async reconcileOne(key: string, obj: KubeObject): Promise<number> {
    const spec = (isObj(obj.spec) ? obj.spec : {}) as { url?: string; ref?: GitRef };
    const generation = obj.metadata.generation ?? 1;
    const { want, prefix } = target(spec.ref);
    try {
      if (!spec.url) throw new Error('spec.url is required');
      const { sha } = await this.ctx.cache.resolve(spec.url, want);
      await this.ctx.cache.checkout(spec.url, sha);
      const revision = `${prefix}sha1:${sha}`;
      const path = `gitrepository/${obj.metadata.namespace ?? ''}/${obj.metadata.name}/${sha}.tar.gz`;
      const message = `stored artifact for revision '${revision}'`;
      this.writeStatus(key, (status, cur) => {
        const prev = isObj(status.artifact) ? status.artifact : undefined;
        status.artifact =
          prev?.revision === revision
            ? prev
            : {
                path,
                url: `http://source-controller.flux-system.svc.cluster.local./${path}`,
                revision,
                digest: `sha256:${createHash('sha256').update(`${spec.url ?? ''}\n${sha}`).digest('hex')}`,
                lastUpdateTime: now(),
              };
        let conditions = removeCondition(removeCondition(status.conditions as FluxCondition[] | undefined, 'FetchFailed'), 'Reconciling');
        conditions = setCondition(conditions, { type: 'Ready', status: 'True', reason: 'Succeeded', message, observedGeneration: generation });
        conditions = setCondition(conditions, { type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message, observedGeneration: generation });
        status.conditions = ordered(conditions);
        status.observedGeneration = generation;
        this.handled(status, cur);
      });
      return this.intervalMs(obj);
    } catch (err) {
      const message = `failed to checkout and determine revision: ${err instanceof Error ? err.message : String(err)}`;
      this.writeStatus(key, (status, cur) => {
        let conditions = setCondition(status.conditions as FluxCondition[] | undefined, { type: 'Ready', status: 'False', reason: 'GitOperationFailed', message, observedGeneration: generation });
        conditions = setCondition(conditions, { type: 'FetchFailed', status: 'True', reason: 'GitOperationFailed', message, observedGeneration: generation });
        status.conditions = ordered(removeCondition(conditions, 'Reconciling'));
        status.observedGeneration = generation;
        this.handled(status, cur);
      });
      return this.intervalMs(obj);
    }
  }
}
