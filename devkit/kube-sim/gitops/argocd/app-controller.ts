import type { ResourceType } from '../../resources.js';
import type { StoreEvent } from '../../store.js';
import type { KubeObject } from '../../types.js';
import { deepEqual, isObj } from '../../types.js';
import type { GitOpsContext } from '../context.js';
import { keyOf, modify, now, splitKey } from '../context.js';
import { WorkQueue } from '../work-queue.js';
import { compareApp } from './compare.js';
import type { DesiredState } from './render-app.js';
import { renderApp, trackedApp } from './render-app.js';
import { finishOperation, startOperation } from './operation-state.js';
import { runSyncTasks } from './sync-operation.js';
import type { AppSource, AppSpec, AppStatus, Operation } from './types.js';
import { automatedOf, REFRESH_ANNOTATION } from './types.js';

/** Argo CD's control-plane namespace: the controller watches Applications here only. */
export const ARGOCD_NAMESPACE = 'argocd';

interface AppState {
  desired?: DesiredState;
  sourceKey?: string;
  fetchedAt: number;
  refresh: boolean;
  error?: string | undefined;
  driftSince?: number | undefined;
  /** apiVersion|kind of everything the app ever rendered: where to look for objects to prune. */
  kinds: Set<string>;
}

const specOf = (app: KubeObject): AppSpec => (isObj(app.spec) ? app.spec : {}) as AppSpec;
const statusOf = (app: KubeObject): AppStatus => (isObj(app.status) ? app.status : {}) as AppStatus;

/**
 * The Argo CD application controller, simulated: refresh (read Git at the target revision and
 * render), compare with the cluster, run sync operations, auto-sync and self-heal.
 */
export class ArgoAppController {
  private readonly queue: WorkQueue;
  private readonly states = new Map<string, AppState>();
  /** Rendered manifests by (app, source, commit): a refresh and the sync that follows render once. */
  private readonly renders = new Map<string, DesiredState>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly ctx: GitOpsContext) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, err) => ctx.onError('argocd-application-controller', key, err),
    );
  }

  private get type(): ResourceType {
    return this.ctx.api.typeByKind('argoproj.io/v1alpha1', 'Application');
  }

  start(): void {
    this.unsubscribe = this.ctx.api.store.subscribe((e) => this.onEvent(e));
    for (const app of this.ctx.api.store.list(this.type, ARGOCD_NAMESPACE)) this.enqueue(keyOf(app), true);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  busy(windowMs: number): boolean {
    return this.queue.busy(windowMs);
  }

  private state(key: string): AppState {
    let st = this.states.get(key);
    if (!st) {
      st = { fetchedAt: 0, refresh: true, kinds: new Set() };
      this.states.set(key, st);
    }
    return st;
  }

  private enqueue(key: string, refresh: boolean, delayMs = 0): void {
    if (refresh) this.state(key).refresh = true;
    this.queue.enqueue(key, delayMs);
  }

  private onEvent(e: StoreEvent): void {
    const obj = e.object;
    if (obj.kind === 'Application' && e.resource === 'argoproj.io/applications') {
      if (obj.metadata.namespace !== ARGOCD_NAMESPACE) return;
      const key = keyOf(obj);
      if (e.type === 'DELETED') {
        this.states.delete(key);
        return;
      }
      const refresh = e.type === 'ADDED' || !deepEqual(e.old?.spec, obj.spec) || Boolean(obj.metadata.annotations?.[REFRESH_ANNOTATION]);
      const operation = obj.operation !== undefined && !deepEqual(e.old?.operation, obj.operation);
      if (refresh || operation) this.enqueue(key, refresh);
      return;
    }
    const app = trackedApp(obj);
    if (app) this.enqueue(`${ARGOCD_NAMESPACE}/${app}`, false, this.ctx.timing.eventDelayMs);
  }

  private read(key: string): KubeObject | undefined {
    const { namespace, name } = splitKey(key);
    return this.ctx.api.store.get(this.type, namespace, name);
  }

  private write(key: string, fn: (app: KubeObject, status: AppStatus) => void): KubeObject | undefined {
    return modify(this.ctx, this.type, key, (app) => {
      const status = statusOf(app);
      fn(app, status);
      app.status = status;
    });
  }

  private async reconcile(key: string): Promise<void> {
    const app = this.read(key);
    if (!app) return;
    const st = this.state(key);
    const spec = specOf(app);
    const source = spec.source;
    if (!source?.repoURL) {
      this.write(key, (_a, s) => {
        s.conditions = [{ type: 'InvalidSpecError', message: 'spec.source.repoURL is required', lastTransitionTime: now() }];
      });
      return;
    }
    const sourceKey = JSON.stringify([source, spec.destination?.namespace ?? '']);
    if (st.refresh || !st.desired || st.sourceKey !== sourceKey || Date.now() >= st.fetchedAt + this.ctx.timing.appResyncMs) {
      await this.refresh(key, st, spec, source, sourceKey);
    }
    if (this.read(key)?.operation !== undefined) await this.operate(key, st);
    this.writeComparison(key, st);
    if (await this.autoSync(key, st)) this.writeComparison(key, st);
    this.queue.enqueue(key, Math.max(0, st.fetchedAt + this.ctx.timing.appResyncMs - Date.now()));
  }

  /** Re-read Git: resolve the target revision and render it (kept until the commit or source changes). */
  private async refresh(key: string, st: AppState, spec: AppSpec, source: AppSource, sourceKey: string): Promise<void> {
    st.refresh = false;
    try {
      const resolved = await this.ctx.cache.resolve(source.repoURL, source.targetRevision || 'HEAD');
      if (!st.desired || st.desired.sha !== resolved.sha || st.sourceKey !== sourceKey) st.desired = await this.render(key, spec, source, resolved.sha);
      st.error = undefined;
    } catch (err) {
      st.error = err instanceof Error ? err.message : String(err);
    }
    st.fetchedAt = Date.now();
    st.sourceKey = sourceKey;
    for (const o of st.desired?.objects ?? []) st.kinds.add(`${o.apiVersion}|${o.kind}`);
    this.write(key, (app, status) => {
      if (app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined) delete app.metadata.annotations[REFRESH_ANNOTATION];
      status.reconciledAt = now();
    });
  }

  private async render(key: string, spec: AppSpec, source: AppSource, sha: string): Promise<DesiredState> {
    const id = JSON.stringify([key, source, spec.destination?.namespace ?? '', sha]);
    const cached = this.renders.get(id);
    if (cached) return cached;
    const desired = await renderApp(this.ctx, splitKey(key).name, spec, source, sha);
    this.renders.set(id, desired);
    if (this.renders.size > 64) this.renders.delete(this.renders.keys().next().value ?? '');
    return desired;
  }

  private writeComparison(key: string, st: AppState): void {
    const app = this.read(key);
    if (!app) return;
    const spec = specOf(app);
    const cmp = st.desired ? compareApp(this.ctx.api, splitKey(key).name, st.desired, st.kinds) : undefined;
    this.write(key, (_a, s) => {
      s.sync = {
        status: st.error || !cmp ? 'Unknown' : cmp.status,
        ...(st.desired ? { revision: st.desired.sha } : s.sync?.revision ? { revision: s.sync.revision } : {}),
        comparedTo: { ...(spec.source ? { source: spec.source } : {}), ...(spec.destination ? { destination: spec.destination } : {}) },
      };
      if (cmp) {
        const prev = s.health;
        s.health = { status: cmp.health, lastTransitionTime: prev?.status === cmp.health && prev.lastTransitionTime ? prev.lastTransitionTime : now() };
        s.resources = cmp.resources;
        s.summary = { ...(cmp.images.length ? { images: cmp.images } : {}) };
      }
      if (st.desired) s.sourceType = st.desired.sourceType;
      s.controllerNamespace = ARGOCD_NAMESPACE;
      const others = (s.conditions ?? []).filter((c) => c.type !== 'ComparisonError');
      const prevError = (s.conditions ?? []).find((c) => c.type === 'ComparisonError');
      const message = st.error ? `Failed to load target state: failed to generate manifest for source 1 of 1: ${st.error}` : undefined;
      const conditions = message ? [...others, { type: 'ComparisonError', message, lastTransitionTime: prevError?.message === message ? (prevError.lastTransitionTime ?? now()) : now() }] : others;
      if (conditions.length) s.conditions = conditions;
      else delete s.conditions;
    });
  }

  /** Run the Application's requested operation to a terminal phase; clears `.operation`. */
  private async operate(key: string, st: AppState): Promise<void> {
    const app = this.read(key);
    if (!app) return;
    const spec = specOf(app);
    const op = (isObj(app.operation) ? app.operation : {}) as Operation;
    const startedAt = now();
    const finish = (phase: 'Succeeded' | 'Failed' | 'Error', message: string, extra: Parameters<typeof finishOperation>[1]['extra'] = {}): void => {
      this.write(key, (a, s) => finishOperation(a, { status: s, spec, op, phase, message, startedAt, extra }));
    };
    if (!op.sync) return finish('Failed', 'the simulated controller runs sync operations only');
    const target = spec.source?.targetRevision;
    if (!op.initiatedBy?.automated && automatedOf(spec) && op.sync.revision && op.sync.revision !== (target || 'HEAD')) {
      return finish('Failed', `Cannot sync to ${op.sync.revision}: auto-sync currently set to ${target ?? ''}`);
    }
    this.write(key, (_a, s) => startOperation(s, op, startedAt));
    const source = op.sync.source ?? spec.source;
    if (!source?.repoURL) return finish('Error', 'spec.source.repoURL is required');
    let desired: DesiredState;
    try {
      const revision = op.sync.revision || source.targetRevision || 'HEAD';
      // A full sha needs no fetch (the automated sync's own revision, a history entry's).
      const sha = /^[0-9a-f]{40}$/.test(revision) ? revision : (await this.ctx.cache.resolve(source.repoURL, revision)).sha;
      desired = await this.render(key, spec, source, sha);
    } catch (err) {
      return finish('Error', `ComparisonError: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const o of desired.objects) st.kinds.add(`${o.apiVersion}|${o.kind}`);
    const extraneous = compareApp(this.ctx.api, splitKey(key).name, desired, st.kinds).extraneous;
    const syncOptions = [...(spec.syncPolicy?.syncOptions ?? []), ...(op.sync.syncOptions ?? [])];
    const createNamespace = syncOptions.includes('CreateNamespace=true') ? spec.destination?.namespace : undefined;
    const outcome = op.sync.dryRun
      ? { resources: [], failed: undefined }
      : runSyncTasks(this.ctx.api, desired.objects, extraneous, { prune: op.sync.prune ?? false, ...(createNamespace ? { createNamespace } : {}) });
    this.ctx.kick();
    const syncResult = { resources: outcome.resources, revision: desired.sha, source };
    if (outcome.failed) return finish('Failed', `one or more objects failed to apply, reason: ${outcome.failed}`, { syncResult });
    return finish('Succeeded', 'successfully synced (all tasks run)', { syncResult, history: !op.sync.dryRun });
  }

  /** Argo CD's autoSync decision: a new revision syncs at once; drift only with selfHeal, after the delay. */
  private async autoSync(key: string, st: AppState): Promise<boolean> {
    const app = this.read(key);
    if (!app || app.operation !== undefined || !st.desired || st.error) return false;
    const spec = specOf(app);
    const auto = automatedOf(spec);
    const status = statusOf(app);
    if (!auto || status.sync?.status !== 'OutOfSync') {
      st.driftSince = undefined;
      return false;
    }
    const outOfSync = (status.resources ?? []) as { status?: string; requiresPruning?: boolean }[];
    if (!auto.prune && outOfSync.filter((r) => r.status === 'OutOfSync').every((r) => r.requiresPruning)) return false;
    const sha = st.desired.sha;
    const last = status.operationState;
    const attempted = last !== undefined && (last.syncResult?.revision === sha || last.operation.sync?.revision === sha);
    if (attempted) {
      if (last.phase !== 'Succeeded' || !auto.selfHeal) return false;
      st.driftSince ??= Date.now();
      const wait = st.driftSince + this.ctx.timing.selfHealMs - Date.now();
      if (wait > 0) {
        this.queue.enqueue(key, wait);
        return false;
      }
    }
    st.driftSince = undefined;
    const syncOptions = spec.syncPolicy?.syncOptions;
    const written = this.write(key, (a) => {
      a.operation = { sync: { revision: sha, prune: auto.prune ?? false, ...(syncOptions?.length ? { syncOptions } : {}) }, initiatedBy: { automated: true }, retry: { limit: 5 } };
    });
    if (!written) return false;
    await this.operate(key, st);
    return true;
  }
}
