import type { ClusterApi } from '../api.js';
import type { KubeObject } from '../types.js';
import { DeploymentController } from './deployment.js';
import type { Controller, ControllerEnv, Timing } from './env.js';
import { EventRecorder } from './events.js';
import { makeGarbageCollector } from './gc.js';
import { Kubelet } from './kubelet.js';
import { pdbController } from './pdb-controller.js';
import { replicaSetController } from './replicaset.js';
import { StatefulSetController } from './statefulset.js';
import { DaemonSetController } from './daemonset.js';
import type { ExtraControllerOptions } from './extra.js';
import { extraControllers } from './extra.js';

/** How often an idle cluster is still looked at, as a real controller's periodic resync. */
const IDLE_RESYNC_MS = 1000;

const OWNER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * Runs every controller of one cluster on a tick and soon after each write. Passes are synchronous
 * over the store, so controllers never race each other or HTTP writes.
 */
export class ControllerRunner {
  readonly kubelet = new Kubelet();
  private readonly env: ControllerEnv;
  private readonly controllers: Controller[];
  private tick: NodeJS.Timeout | undefined;
  private kicked: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastPending = true;
  /** Store version the last pass ended at; an unchanged store and nothing pending means idle. */
  private lastRv = '';
  private lastPassAt = 0;
  /** Earliest time a controller asked to be woken (crash-loop back-off, progress deadline). */
  private wakeAt = Infinity;
  private wakeRequest = Infinity;
  /** Passes run so far (tests check that an idle cluster stops doing them). */
  passes = 0;

  constructor(api: ClusterApi, timing: Timing, badImagePattern: RegExp, extras: ExtraControllerOptions = { velero: true }) {
    const deletedOwners = new Set<string>();
    api.store.subscribe((e) => {
      if (e.type === 'DELETED' && OWNER_KINDS.has(e.object.kind)) deletedOwners.add(e.object.metadata.uid);
    });
    this.env = {
      api,
      timing,
      badImagePattern,
      events: new EventRecorder(api),
      type: (apiVersion, kind) => api.typeByKind(apiVersion, kind),
      list: (apiVersion, kind, namespace) => api.store.list(api.typeByKind(apiVersion, kind), namespace),
      write: (obj: KubeObject) => api.store.replace(api.typeByKind(obj.apiVersion, obj.kind), obj),
      wakeAt: (at: number) => {
        this.wakeRequest = Math.min(this.wakeRequest, at);
      },
    };
    this.controllers = [
      makeGarbageCollector(deletedOwners),
      new DeploymentController().run,
      new StatefulSetController().run,
      new DaemonSetController().run,
      replicaSetController,
      this.kubelet.run,
      pdbController,
      ...extraControllers(extras),
    ];
  }

  start(): void {
    this.tick = setInterval(() => {
      if (this.due()) this.pass();
    }, this.env.timing.controllerTickMs);
    this.tick.unref();
  }

  /**
   * A tick does a pass only when there is something to do: work in flight, a write since the last
   * pass, or a time a controller asked for. An idle cluster costs nothing but a slow resync, which
   * keeps a pass from being skipped forever should a controller forget to ask.
   */
  private due(): boolean {
    const now = Date.now();
    return this.lastPending || this.env.api.store.resourceVersion !== this.lastRv || now >= this.wakeAt || now - this.lastPassAt >= IDLE_RESYNC_MS;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.tick);
    clearTimeout(this.kicked);
  }

  /** Schedule a pass shortly (coalesces bursts of writes). */
  kick(): void {
    if (this.kicked || this.stopped) return;
    this.kicked = setTimeout(() => {
      this.kicked = undefined;
      this.pass();
    }, 1);
  }

  /** One pass over all controllers; true while anything is still in flight. */
  pass(): boolean {
    if (this.stopped) return false;
    const before = this.env.api.store.resourceVersion;
    this.wakeRequest = Infinity;
    this.passes++;
    let pending = false;
    for (const controller of this.controllers) {
      try {
        pending = controller(this.env) || pending;
      } catch {
        // A controller tripping over a half-made object retries next tick, like a real one.
        pending = true;
      }
    }
    this.lastPending = pending || before !== this.env.api.store.resourceVersion;
    this.lastRv = this.env.api.store.resourceVersion;
    this.lastPassAt = Date.now();
    this.wakeAt = this.wakeRequest;
    return this.lastPending;
  }

  /** Resolve once a pass finds nothing to do; reject after timeoutMs. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.pass()) return;
      if (Date.now() > deadline) throw new Error(`kube-sim did not settle within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, Math.max(5, Math.min(this.env.timing.controllerTickMs, 25))));
    }
  }
}
