import type { ResourceType } from '../../resources.js';
import type { StoreEvent } from '../../store.js';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import type { GitOpsContext } from '../context.js';
import { goDurationMs, keyOf, modify, splitKey } from '../context.js';
import { WorkQueue } from '../work-queue.js';
import { REQUESTED_AT } from './conditions.js';

export type Status = Record<string, unknown>;

/**
 * What the Flux controllers share: a reconcile per object on `spec.interval`, right away on a
 * spec change or a new `reconcile.fluxcd.io/requestedAt`, nothing at all while `spec.suspend`.
 */
export abstract class FluxController {
  protected readonly queue: WorkQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(
    protected readonly ctx: GitOpsContext,
    private readonly apiVersion: string,
    private readonly kind: string,
    controller: string,
  ) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, err) => ctx.onError(controller, key, err),
    );
  }

  protected get type(): ResourceType {
    return this.ctx.api.typeByKind(this.apiVersion, this.kind);
  }

  start(): void {
    this.unsubscribe = this.ctx.api.store.subscribe((e) => this.onEvent(e));
    for (const obj of this.ctx.api.store.list(this.type)) this.queue.enqueue(keyOf(obj));
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  busy(windowMs: number): boolean {
    return this.queue.busy(windowMs);
  }

  private onEvent(e: StoreEvent): void {
    const obj = e.object;
    if (e.resource === `${this.type.group}/${this.type.plural}`) {
      if (e.type === 'DELETED') return;
      const requested = obj.metadata.annotations?.[REQUESTED_AT];
      if (e.type === 'ADDED' || e.old?.metadata.generation !== obj.metadata.generation || requested !== e.old?.metadata.annotations?.[REQUESTED_AT]) {
        this.queue.enqueue(keyOf(obj));
      }
      return;
    }
    this.onOtherEvent(e);
  }

  /** Dependents override this (a Kustomization follows its GitRepository's artifact). */
  protected onOtherEvent(_e: StoreEvent): void {}

  protected read(key: string): KubeObject | undefined {
    const { namespace, name } = splitKey(key);
    return this.ctx.api.store.get(this.type, namespace, name);
  }

  protected writeStatus(key: string, fn: (status: Status, obj: KubeObject) => void): KubeObject | undefined {
    return modify(
      this.ctx,
      this.type,
      key,
      (obj) => {
        const status: Status = isObj(obj.status) ? obj.status : {};
        fn(status, obj);
        obj.status = status;
      },
      'status',
    );
  }

  protected intervalMs(obj: KubeObject, field: 'interval' | 'retryInterval' = 'interval'): number {
    const spec = isObj(obj.spec) ? obj.spec : {};
    const fallback = field === 'retryInterval' ? goDurationMs(spec.interval, 60_000) : 60_000;
    return Math.max(10, goDurationMs(spec[field], fallback) * this.ctx.timing.fluxIntervalScale);
  }

  private async reconcile(key: string): Promise<void> {
    const obj = this.read(key);
    if (!obj) return;
    if (isObj(obj.spec) && obj.spec.suspend === true) return;
    const requeueMs = await this.reconcileOne(key, obj);
    this.queue.enqueue(key, requeueMs);
  }

  /** One reconcile; returns when to come back (ms). */
  protected abstract reconcileOne(key: string, obj: KubeObject): Promise<number>;

  /** Answer `reconcile.fluxcd.io/requestedAt` the way every Flux controller does. */
  protected handled(status: Status, obj: KubeObject): void {
    const requested = obj.metadata.annotations?.[REQUESTED_AT];
    if (requested) status.lastHandledReconcileAt = requested;
  }
}
