import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { StoreEvent } from '../../store.js';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import { applyObject, applyOrder, decorate, deleteRef, refKey, refOf } from '../apply.js';
import type { ResourceRef } from '../apply.js';
import type { GitOpsContext } from '../context.js';
import { keyOf, now } from '../context.js';
import { inside, renderPath } from '../render.js';
import type { FluxCondition } from './conditions.js';
import { ordered, setCondition } from './conditions.js';
import { FluxController } from './flux-controller.js';
import type { SourceRef } from './source-ref.js';
import { artifactChanged, refersTo, sourceArtifact } from './source-ref.js';

interface HrSpec {
  chart?: { spec?: { chart?: string; sourceRef?: SourceRef } };
  releaseName?: string;
  targetNamespace?: string;
  values?: unknown;
  maxHistory?: number;
}

/** One entry of HelmRelease v2 `status.history` (a release snapshot), newest first. */
export interface ReleaseSnapshot {
  name: string;
  namespace: string;
  version: number;
  status: 'deployed' | 'superseded' | 'failed';
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  configDigest: string;
  digest: string;
  firstDeployed: string;
  lastDeployed: string;
}

export const HR_NAME_LABEL = 'helm.toolkit.fluxcd.io/name';
export const HR_NAMESPACE_LABEL = 'helm.toolkit.fluxcd.io/namespace';

const sha256 = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/**
 * A minimal Flux helm-controller for HelmRelease (helm.toolkit.fluxcd.io/v2) whose chart lives in
 * a GitRepository: `helm template`, apply, release history. Like the real one without drift
 * detection, it changes the cluster only when the chart or the values change.
 */
export class FluxHelmController extends FluxController {
  private readonly released = new Map<string, ResourceRef[]>();

  constructor(ctx: GitOpsContext) {
    super(ctx, 'helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'helm-controller');
  }

  protected override onOtherEvent(e: StoreEvent): void {
    const src = artifactChanged(e);
    if (!src) return;
    for (const hr of this.ctx.api.store.list(this.type)) {
      if (refersTo(hr, (hr.spec as HrSpec | undefined)?.chart?.spec?.sourceRef, src)) this.queue.enqueue(keyOf(hr));
    }
  }

  protected async reconcileOne(key: string, obj: KubeObject): Promise<number> {
    const spec = (isObj(obj.spec) ? obj.spec : {}) as HrSpec;
    const generation = obj.metadata.generation ?? 1;
    const namespace = spec.targetNamespace ?? obj.metadata.namespace ?? 'default';
    const releaseName = spec.releaseName ?? (spec.targetNamespace ? `${spec.targetNamespace}-${obj.metadata.name}` : obj.metadata.name);
    const history = ((isObj(obj.status) ? obj.status.history : undefined) as ReleaseSnapshot[] | undefined) ?? [];
    const action = history.length ? 'upgrade' : 'install';
    const Action = action === 'install' ? 'Install' : 'Upgrade';
    const configDigest = sha256(JSON.stringify(spec.values ?? {}));
    try {
      const artifact = await sourceArtifact(this.ctx, obj, spec.chart?.spec?.sourceRef);
      if (!artifact.ok) throw new Error(artifact.message);
      const chartPath = spec.chart?.spec?.chart ?? '.';
      const chart = parse(await readFile(join(inside(artifact.root, chartPath), 'Chart.yaml'), 'utf8')) as { name?: string; version?: string; appVersion?: string };
      const rendered = await renderPath({ tools: this.ctx.tools, root: artifact.root, path: chartPath, cacheRoot: this.ctx.scratch, helm: { releaseName, namespace, values: spec.values ?? {} } });
      const objects = decorate(this.ctx.api, rendered.objects, {
        defaultNamespace: namespace,
        labels: () => ({ [HR_NAME_LABEL]: obj.metadata.name, [HR_NAMESPACE_LABEL]: obj.metadata.namespace ?? '', 'app.kubernetes.io/managed-by': 'Helm' }),
        annotations: () => ({ 'meta.helm.sh/release-name': releaseName, 'meta.helm.sh/release-namespace': namespace }),
      });
      const digest = sha256(JSON.stringify(objects));
      const latest = history[0];
      const unchanged = latest?.status === 'deployed' && latest.digest === digest && latest.configDigest === configDigest;
      if (!unchanged) this.release(key, objects);
      const version = unchanged && latest ? latest.version : (latest?.version ?? 0) + 1;
      const message = `Helm ${action} succeeded for release ${namespace}/${releaseName}.v${version} with chart ${chart.name ?? ''}@${chart.version ?? ''}`;
      this.writeStatus(key, (status, cur) => {
        if (!unchanged) {
          const snapshot: ReleaseSnapshot = {
            name: releaseName, namespace, version, status: 'deployed', chartName: chart.name ?? '', chartVersion: chart.version ?? '',
            ...(chart.appVersion ? { appVersion: String(chart.appVersion) } : {}),
            configDigest, digest, firstDeployed: now(), lastDeployed: now(),
          };
          const older = history.map((h) => (h.status === 'deployed' ? { ...h, status: 'superseded' as const } : h));
          status.history = [snapshot, ...older].slice(0, spec.maxHistory ?? 5);
          status.lastAttemptedReleaseAction = action;
          let c = setCondition(status.conditions as FluxCondition[] | undefined, { type: 'Ready', status: 'True', reason: `${Action}Succeeded`, message, observedGeneration: generation });
          c = setCondition(c, { type: 'Released', status: 'True', reason: `${Action}Succeeded`, message, observedGeneration: generation });
          status.conditions = ordered(c);
        }
        status.observedGeneration = generation;
        status.lastAttemptedGeneration = generation;
        status.lastAttemptedRevision = chart.version ?? '';
        status.lastAttemptedConfigDigest = configDigest;
        status.helmChart = `${spec.chart?.spec?.sourceRef?.namespace ?? obj.metadata.namespace ?? ''}/${obj.metadata.namespace ?? ''}-${obj.metadata.name}`;
        this.handled(status, cur);
      });
      return this.intervalMs(obj);
    } catch (err) {
      const message = `Helm ${action} failed for release ${namespace}/${releaseName}: ${err instanceof Error ? err.message : String(err)}`;
      this.writeStatus(key, (status, cur) => {
        let c = setCondition(status.conditions as FluxCondition[] | undefined, { type: 'Ready', status: 'False', reason: `${Action}Failed`, message, observedGeneration: generation });
        c = setCondition(c, { type: 'Released', status: 'False', reason: `${Action}Failed`, message, observedGeneration: generation });
        status.conditions = ordered(c);
        status.observedGeneration = generation;
        status.lastAttemptedGeneration = generation;
        status.lastAttemptedConfigDigest = configDigest;
        this.handled(status, cur);
      });
      return this.intervalMs(obj, 'retryInterval');
    }
  }

  /** Apply the new manifests and delete what the previous release had and this one has not (helm upgrade). */
  private release(key: string, objects: KubeObject[]): void {
    for (const o of applyOrder(objects)) applyObject(this.ctx.api, o);
    const refs = objects.map(refOf);
    const keep = new Set(refs.map(refKey));
    for (const ref of this.released.get(key) ?? []) if (!keep.has(refKey(ref))) deleteRef(this.ctx.api, ref);
    this.released.set(key, refs);
    this.ctx.kick();
  }
}
