import type { Server } from 'node:http';
import { ClusterApi } from './api.js';
import type { RecordedRequest } from './context.js';
import type { Timing } from './controllers/env.js';
import type { ExtraControllerOptions } from './controllers/extra.js';
import { ControllerRunner } from './controllers/runner.js';
import type { FaultInjector } from './faults.js';
import { Faults } from './faults.js';
import { ResourceRegistry } from './resources.js';
import { createSimServer } from './server.js';
import { Store } from './store.js';
import type { KubeObject } from './types.js';

export type { KubeObject } from './types.js';
export type { RecordedRequest } from './context.js';

/** One simulated cluster, as tests drive it directly (bypassing HTTP but not admission or controllers). */
export interface SimCluster {
  name: string;
  create(obj: object): Promise<KubeObject>;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  /** Replace spec and status together (no resourceVersion check). */
  update(obj: object): Promise<KubeObject>;
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<void>;
  faults: FaultInjector;
  requests: RecordedRequest[];
  resetRequests(): void;
  /** Resolves when controllers and kubelet have nothing in flight; rejects after timeoutMs (default 10 s). */
  settle(timeoutMs?: number): Promise<void>;
}

export class SimClusterImpl implements SimCluster {
  readonly api: ClusterApi;
  readonly faults = new Faults();
  readonly requests: RecordedRequest[] = [];
  readonly runner: ControllerRunner;
  readonly server: Server;

  constructor(
    readonly name: string,
    timing: Timing,
    badImagePattern: RegExp,
    extras: ExtraControllerOptions = { velero: true },
  ) {
    this.api = new ClusterApi(new ResourceRegistry(), new Store());
    this.runner = new ControllerRunner(this.api, timing, badImagePattern, extras);
    this.server = createSimServer({
      name,
      api: this.api,
      faults: this.faults,
      requests: this.requests,
      podLogs: (pod, query) => this.runner.kubelet.logs(pod, query),
      kick: () => this.runner.kick(),
    });
  }

  create(obj: object): Promise<KubeObject> {
    return this.attempt(() => this.api.create(this.api.typeOf(obj), obj));
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const type = this.api.typeByKind(apiVersion, kind);
    const obj = this.api.store.get(type, namespace, name);
    return obj ? this.api.present(type, obj, this.api.versionOf(apiVersion)) : undefined;
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const type = this.api.typeByKind(apiVersion, kind);
    return this.api.store.list(type, namespace).map((o) => this.api.present(type, o, this.api.versionOf(apiVersion)));
  }

  update(obj: object): Promise<KubeObject> {
    return this.attempt(() => this.api.update(this.api.typeOf(obj), obj, { subresource: 'all' }));
  }

  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<void> {
    return this.attempt(() => {
      this.api.delete(this.api.typeByKind(apiVersion, kind), namespace, name);
    });
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  settle(timeoutMs = 10_000): Promise<void> {
    return this.runner.settle(timeoutMs);
  }

  private attempt<T>(fn: () => T): Promise<T> {
    try {
      const out = fn();
      this.runner.kick();
      return Promise.resolve(out);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
