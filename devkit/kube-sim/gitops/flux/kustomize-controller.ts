import { createHash } from 'node:crypto';
import type { StoreEvent } from '../../store.js';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import { applyObject, applyOrder, decorate, deleteRef, refKey, refOf } from '../apply.js';
import type { GitOpsContext } from '../context.js';
import { goDurationMs, keyOf, now } from '../context.js';
import { renderPath } from '../render.js';
import type { FluxCondition } from './conditions.js';
import { goDuration, ordered, removeCondition, setCondition } from './conditions.js';
import { FluxController } from './flux-controller.js';
import { waitHealthy } from './health-wait.js';
import type { InventoryEntry, Snapshot } from './inventory.js';
import { inventoryOf, refOfEntry, upsertSnapshot } from './inventory.js';
import type { SourceRef } from './source-ref.js';
import { artifactChanged, refersTo, sourceArtifact } from './source-ref.js';

interface KsSpec {
  sourceRef?: SourceRef;
  path?: string;
  prune?: boolean;
  targetNamespace?: string;
  wait?: boolean;
  timeout?: string;
}

export const KS_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
export const KS_NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';

class Failure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Flux kustomize-controller for Kustomization (kustomize.toolkit.fluxcd.io/v1): build `spec.path`
 * of the source artifact (kubectl kustomize, or the plain YAML under it), apply every object with
 * the controller's labels — which also puts back whatever drifted — prune what left the
 * inventory, and report Ready / Reconciling, revisions, inventory and history.
 */
export class FluxKustomizeController extends FluxController {
  constructor(ctx: GitOpsContext) {
    super(ctx, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'kustomize-controller');
  }

  protected override onOtherEvent(e: StoreEvent): void {
    const src = artifactChanged(e);
    if (!src) return;
    for (const ks of this.ctx.api.store.list(this.type)) {
      if (refersTo(ks, (ks.spec as KsSpec | undefined)?.sourceRef, src)) this.queue.enqueue(keyOf(ks));
    }
  }

  protected async reconcileOne(key: string, obj: KubeObject): Promise<number> {
    const spec = (isObj(obj.spec) ? obj.spec : {}) as KsSpec;
    const generation = obj.metadata.generation ?? 1;
    const started = Date.now();
    this.writeStatus(key, (status) => {
      let c = setCondition(status.conditions as FluxCondition[] | undefined, { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'Reconciliation in progress', observedGeneration: generation });
      c = setCondition(c, { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress', observedGeneration: generation });
      status.conditions = ordered(c);
    });
    let revision: string | undefined;
    try {
      const artifact = await sourceArtifact(this.ctx, obj, spec.sourceRef);
      if (!artifact.ok) throw new Failure(artifact.reason, artifact.message);
      revision = artifact.revision;
      const objects = await this.build(obj, spec, artifact.root);
      const inventory = this.apply(obj, spec, objects);
      if (spec.wait) await this.checkHealth(key, obj, spec, objects, generation);
      this.succeed(key, generation, revision, inventory, objects, Date.now() - started, spec.wait === true);
      return this.intervalMs(obj);
    } catch (err) {
      const reason = err instanceof Failure ? err.reason : 'ReconciliationFailed';
      this.fail(key, generation, reason, err instanceof Error ? err.message : String(err), revision);
      return this.intervalMs(obj, 'retryInterval');
    }
  }

  private async build(obj: KubeObject, spec: KsSpec, root: string): Promise<KubeObject[]> {
    try {
      const rendered = await renderPath({ tools: this.ctx.tools, root, path: spec.path ?? './', cacheRoot: this.ctx.scratch, recurse: true });
      return decorate(this.ctx.api, rendered.objects, {
        ...(spec.targetNamespace ? { forceNamespace: spec.targetNamespace } : {}),
        labels: () => ({ [KS_NAME_LABEL]: obj.metadata.name, [KS_NAMESPACE_LABEL]: obj.metadata.namespace ?? '' }),
      });
    } catch (err) {
      throw new Failure('BuildFailed', `kustomize build failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Apply all, then prune what the previous inventory had and this one has not. */
  private apply(obj: KubeObject, spec: KsSpec, objects: KubeObject[]): InventoryEntry[] {
    for (const o of applyOrder(objects)) {
      try {
        applyObject(this.ctx.api, o);
      } catch (err) {
        const r = refOf(o);
        throw new Failure('ReconciliationFailed', `${r.kind}/${r.namespace ?? ''}/${r.name} dry-run failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.ctx.kick();
    const inventory = inventoryOf(objects);
    if (spec.prune) {
      const keep = new Set(objects.map((o) => refKey(refOf(o))));
      const previous = (isObj(obj.status) && isObj(obj.status.inventory) ? (obj.status.inventory.entries as InventoryEntry[] | undefined) : undefined) ?? [];
      for (const entry of previous) {
        const ref = refOfEntry(entry);
        if (ref && !keep.has(refKey(ref))) deleteRef(this.ctx.api, ref);
      }
    }
    return inventory;
  }

  /** `spec.wait`: block until the applied workloads are healthy; Healthy=False and a failure otherwise. */
  private async checkHealth(key: string, obj: KubeObject, spec: KsSpec, objects: KubeObject[], generation: number): Promise<void> {
    const timeoutMs = goDurationMs(spec.timeout, this.intervalMs(obj) / this.ctx.timing.fluxIntervalScale) * this.ctx.timing.fluxIntervalScale;
    const result = await waitHealthy(this.ctx.api, objects, timeoutMs, Math.max(20, this.ctx.timing.eventDelayMs * 5));
    if (result.ok) return;
    this.writeStatus(key, (status) => {
      status.conditions = ordered(setCondition(status.conditions as FluxCondition[] | undefined, { type: 'Healthy', status: 'False', reason: 'HealthCheckFailed', message: result.message, observedGeneration: generation }));
    });
    throw new Failure('HealthCheckFailed', result.message);
  }

  private succeed(key: string, generation: number, revision: string, inventory: InventoryEntry[], objects: KubeObject[], tookMs: number, waited: boolean): void {
    const message = `Applied revision: ${revision}`;
    const digest = `sha256:${createHash('sha256').update(JSON.stringify(objects)).digest('hex')}`;
    this.writeStatus(key, (status, cur) => {
      let c = removeCondition(status.conditions as FluxCondition[] | undefined, 'Reconciling');
      c = setCondition(c, { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message, observedGeneration: generation });
      if (waited) c = setCondition(c, { type: 'Healthy', status: 'True', reason: 'Succeeded', message: 'Health check passed', observedGeneration: generation });
      else c = removeCondition(c, 'Healthy');
      status.conditions = ordered(c);
      status.observedGeneration = generation;
      status.lastAppliedRevision = revision;
      status.lastAttemptedRevision = revision;
      status.inventory = { entries: inventory };
      status.history = upsertSnapshot(status.history as Snapshot[] | undefined, {
        digest,
        lastReconciled: now(),
        lastReconciledDuration: goDuration(tookMs),
        lastReconciledStatus: 'ReconciliationSucceeded',
        metadata: { revision },
      });
      this.handled(status, cur);
    });
  }

  private fail(key: string, generation: number, reason: string, message: string, revision: string | undefined): void {
    this.writeStatus(key, (status, cur) => {
      let c = removeCondition(status.conditions as FluxCondition[] | undefined, 'Reconciling');
      c = setCondition(c, { type: 'Ready', status: 'False', reason, message, observedGeneration: generation });
      status.conditions = ordered(c);
      status.observedGeneration = generation;
      if (revision) status.lastAttemptedRevision = revision;
      this.handled(status, cur);
    });
  }
}
