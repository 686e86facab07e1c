import type { KubeObject, LabelSelector, PodTemplate } from '../types.js';
import { clone, isObj } from '../types.js';
import type { RsCounts } from './deployment-status.js';
import { deploymentStatus, isComplete } from './deployment-status.js';
import type { ControllerEnv } from './env.js';
import { HASH_LABEL, sameTemplate, templateHash } from './hash.js';
import { intOrPercent } from './pdb.js';
import { isOwnedBy, ownerRef } from './pod-util.js';

export const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const NOT_COPIED = new Set([REVISION, HISTORY, DESIRED, MAX, 'kubectl.kubernetes.io/last-applied-configuration', 'deprecated.deployment.rollback.to']);

interface DeploySpec {
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  paused?: boolean;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
}

interface RsSpec {
  replicas: number;
  template: PodTemplate;
}

export function revisionOf(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[REVISION] ?? '0');
  return Number.isFinite(n) ? n : 0;
}

const st = (rs: KubeObject, key: string): number => (isObj(rs.status) && typeof rs.status[key] === 'number' ? rs.status[key] : 0);
const want = (rs: KubeObject): number => (rs.spec as RsSpec).replicas ?? 0;

/** Per-deployment memory the real controller keeps in conditions: when progress was last seen. */
export class DeploymentController {
  private readonly lastProgress = new Map<string, { at: number; key: string }>();

  readonly run = (env: ControllerEnv): boolean => {
    for (const d of env.list('apps/v1', 'Deployment')) this.sync(env, d);
    return false;
  };

  private sync(env: ControllerEnv, d: KubeObject): void {
    const spec = d.spec as DeploySpec;
    const owned = env.list('apps/v1', 'ReplicaSet', d.metadata.namespace).filter((rs) => isOwnedBy(rs, d));
    let newRs = owned.find((rs) => sameTemplate((rs.spec as RsSpec).template, spec.template));
    const olds = owned.filter((rs) => rs !== newRs);
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    let created = false;
    if (!newRs && spec.paused) return this.writeStatus(env, d, undefined, owned, false);
    if (!newRs) {
      newRs = this.createRs(env, d, maxOld + 1, olds.every((o) => want(o) === 0) ? spec.replicas : 0);
      created = true;
    } else newRs = this.refreshRs(env, d, newRs, maxOld);
    this.stampDeploymentRevision(env, d, revisionOf(newRs));
    if (!spec.paused) {
      if (spec.strategy?.type === 'Recreate') this.recreate(env, d, newRs, olds);
      else this.rolling(env, d, newRs, olds);
      this.cleanup(env, d, olds);
    }
    const rsUid = newRs.metadata.uid;
    this.writeStatus(env, d, newRs, owned.some((o) => o.metadata.uid === rsUid) ? owned : [...owned, newRs], created);
  }

  private rsAnnotations(d: KubeObject, revision: number, replicas: number, existing: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = { ...existing };
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
    const spec = d.spec as DeploySpec;
    out[REVISION] = String(revision);
    out[DESIRED] = String(spec.replicas);
    out[MAX] = String(spec.replicas + this.surge(spec));
    return out;
  }

  private createRs(env: ControllerEnv, d: KubeObject, revision: number, replicas: number): KubeObject {
    const spec = d.spec as DeploySpec;
    const hash = templateHash(spec.template);
    const template = clone(spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
    const rs = env.api.store.create(env.type('apps/v1', 'ReplicaSet'), {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace ?? 'default',
        labels: { ...(template.metadata.labels ?? {}) },
        annotations: this.rsAnnotations(d, revision, replicas),
        ownerReferences: [ownerRef(d)],
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
      },
      spec: {
        replicas,
        selector: { ...spec.selector, matchLabels: { ...(spec.selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
        template,
      },
    });
    if (replicas > 0) env.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, 'deployment-controller');
    return rs;
  }

  /** Keep the new RS's annotations in line; a re-used (rolled back to) RS gets revision max+1. */
  private refreshRs(env: ControllerEnv, d: KubeObject, rs: KubeObject, maxOld: number): KubeObject {
    let revision = revisionOf(rs);
    const annotations = { ...(rs.metadata.annotations ?? {}) };
    if (revision <= maxOld) {
      const history = annotations[HISTORY] ? `${annotations[HISTORY]},${revision}` : String(revision);
      annotations[HISTORY] = history;
      revision = maxOld + 1;
    }
    const next = this.rsAnnotations(d, revision, want(rs), annotations);
    if (JSON.stringify(next) === JSON.stringify(rs.metadata.annotations ?? {})) return rs;
    return env.write({ ...rs, metadata: { ...rs.metadata, annotations: next } });
  }

  private stampDeploymentRevision(env: ControllerEnv, d: KubeObject, revision: number): void {
    if (d.metadata.annotations?.[REVISION] === String(revision)) return;
    const fresh = env.api.store.get(env.type('apps/v1', 'Deployment'), d.metadata.namespace, d.metadata.name) ?? d;
    env.write({ ...fresh, metadata: { ...fresh.metadata, annotations: { ...(fresh.metadata.annotations ?? {}), [REVISION]: String(revision) } } });
  }

  private surge(spec: DeploySpec): number {
    if (spec.strategy?.type === 'Recreate') return 0;
    return intOrPercent(spec.strategy?.rollingUpdate?.maxSurge ?? '25%', spec.replicas, true);
  }

  maxUnavailable(spec: DeploySpec): number {
    if (spec.strategy?.type === 'Recreate') return 0;
    const unavailable = intOrPercent(spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', spec.replicas, false);
    return unavailable === 0 && this.surge(spec) === 0 ? 1 : Math.min(unavailable, spec.replicas);
  }

  private scale(env: ControllerEnv, d: KubeObject, rs: KubeObject, replicas: number): KubeObject {
    const from = want(rs);
    if (from === replicas) return rs;
    const spec = d.spec as DeploySpec;
    const annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED]: String(spec.replicas), [MAX]: String(spec.replicas + this.surge(spec)) };
    const out = env.write({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...(rs.spec as RsSpec), replicas } });
    const verb = replicas > from ? 'up' : 'down';
    env.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${replicas}`, 'deployment-controller');
    return out;
  }

  private recreate(env: ControllerEnv, d: KubeObject, newRs: KubeObject, olds: KubeObject[]): void {
    const active = olds.filter((o) => want(o) > 0);
    if (active.length) {
      for (const o of active) this.scale(env, d, o, 0);
      return;
    }
    if (olds.some((o) => st(o, 'replicas') > 0)) return;
    this.scale(env, d, newRs, (d.spec as DeploySpec).replicas);
  }

  private rolling(env: ControllerEnv, d: KubeObject, newRs: KubeObject, olds: KubeObject[]): void {
    const spec = d.spec as DeploySpec;
    const desired = spec.replicas;
    const active = olds.filter((o) => want(o) > 0);
    if (active.length === 0) {
      this.scale(env, d, newRs, desired);
      return;
    }
    const maxTotal = desired + this.surge(spec);
    const total = want(newRs) + active.reduce((s, o) => s + want(o), 0);
    if (total < maxTotal && want(newRs) < desired) newRs = this.scale(env, d, newRs, Math.min(desired, want(newRs) + (maxTotal - total)));
    const minAvailable = desired - this.maxUnavailable(spec);
    const sorted = active.sort((a, b) => revisionOf(a) - revisionOf(b));
    // Unhealthy old replicas can go first without hurting availability.
    let budget = want(newRs) + sorted.reduce((s, o) => s + want(o), 0) - minAvailable - Math.max(0, want(newRs) - st(newRs, 'availableReplicas'));
    for (const [i, o] of sorted.entries()) {
      if (budget <= 0) break;
      const unhealthy = Math.max(0, want(o) - st(o, 'availableReplicas'));
      const cut = Math.min(unhealthy, budget);
      if (cut > 0) sorted[i] = this.scale(env, d, o, want(o) - cut);
      budget -= cut;
    }
    const available = st(newRs, 'availableReplicas') + sorted.reduce((s, o) => s + Math.min(want(o), st(o, 'availableReplicas')), 0);
    let room = available - minAvailable;
    for (const o of sorted) {
      if (room <= 0) break;
      const cut = Math.min(want(o), room);
      if (cut > 0) this.scale(env, d, o, want(o) - cut);
      room -= cut;
    }
  }

  private cleanup(env: ControllerEnv, d: KubeObject, olds: KubeObject[]): void {
    const limit = (d.spec as DeploySpec).revisionHistoryLimit ?? 10;
    const idle = olds.filter((o) => want(o) === 0 && st(o, 'replicas') === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    const rsType = env.type('apps/v1', 'ReplicaSet');
    for (const o of idle.slice(0, Math.max(0, idle.length - limit))) env.api.store.delete(rsType, o.metadata.namespace, o.metadata.name);
  }

  private writeStatus(env: ControllerEnv, d: KubeObject, newRs: KubeObject | undefined, owned: KubeObject[], created: boolean): void {
    const spec = d.spec as DeploySpec;
    const rsType = env.type('apps/v1', 'ReplicaSet');
    const fresh = owned.map((rs) => env.api.store.get(rsType, rs.metadata.namespace, rs.metadata.name)).filter((rs): rs is KubeObject => Boolean(rs));
    const newFresh = newRs ? env.api.store.get(rsType, newRs.metadata.namespace, newRs.metadata.name) : undefined;
    const counts: RsCounts = {
      replicas: fresh.reduce((s, rs) => s + st(rs, 'replicas'), 0),
      updatedReplicas: newFresh ? st(newFresh, 'replicas') : 0,
      readyReplicas: fresh.reduce((s, rs) => s + st(rs, 'readyReplicas'), 0),
      availableReplicas: fresh.reduce((s, rs) => s + st(rs, 'availableReplicas'), 0),
      specTotal: fresh.reduce((s, rs) => s + want(rs), 0),
    };
    const key = `${newRs?.metadata.name ?? ''}|${counts.updatedReplicas}|${counts.readyReplicas}|${counts.availableReplicas}|${counts.replicas}`;
    const now = Date.now();
    const last = this.lastProgress.get(d.metadata.uid);
    const progressed = !last || last.key !== key;
    if (progressed || spec.paused) this.lastProgress.set(d.metadata.uid, { at: now, key });
    // Scaled time must still leave a healthy pod room to start and turn ready between two progress steps.
    const stepMs = env.timing.podStartMs + env.timing.podReadyMs + env.timing.controllerTickMs;
    const deadlineMs = Math.max((spec.progressDeadlineSeconds ?? 600) * 1000 * env.timing.progressDeadlineScale, 2 * stepMs);
    const input = {
      deployment: d,
      newRsName: newRs?.metadata.name ?? '',
      counts,
      desired: spec.replicas,
      maxUnavailable: this.maxUnavailable(spec),
      paused: Boolean(spec.paused),
      created,
      deadlineExceeded: Boolean(last && now - last.at > deadlineMs),
    };
    if (isComplete(input)) this.lastProgress.set(d.metadata.uid, { at: now, key });
    else if (!input.deadlineExceeded) env.wakeAt((this.lastProgress.get(d.metadata.uid)?.at ?? now) + deadlineMs + 1);
    const current = env.api.store.get(env.type('apps/v1', 'Deployment'), d.metadata.namespace, d.metadata.name) ?? d;
    const status = deploymentStatus({ ...input, deployment: current }, progressed && Boolean(last));
    if (JSON.stringify(status) !== JSON.stringify(current.status)) env.write({ ...current, status });
  }
}
