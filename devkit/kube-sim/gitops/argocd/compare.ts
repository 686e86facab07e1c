import type { ClusterApi } from '../../api.js';
import type { KubeObject } from '../../types.js';
import { isObj } from '../../types.js';
import type { ResourceRef } from '../apply.js';
import { inSync, liveOf, refKey, refOf } from '../apply.js';
import type { Health } from '../health.js';
import { resourceHealth, worstHealth } from '../health.js';
import type { DesiredState } from './render-app.js';
import { refFromTracked, trackedApp } from './render-app.js';

export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: 'Synced' | 'OutOfSync';
  health?: Health;
  requiresPruning?: boolean;
}

export interface Comparison {
  status: 'Synced' | 'OutOfSync';
  health: string;
  resources: ResourceStatus[];
  images: string[];
  /** Live objects tracked to the app that Git no longer has. */
  extraneous: ResourceRef[];
}

/** Live objects carrying this app's tracking id, among the kinds the app has (had) in Git. */
export function trackedLive(api: ClusterApi, app: string, kinds: Set<string>): KubeObject[] {
  const out: KubeObject[] = [];
  for (const key of kinds) {
    const [apiVersion = '', kind = ''] = key.split('|');
    const type = api.registry.byKind(apiVersion, kind);
    if (!type) continue;
    for (const obj of api.store.list(type)) if (trackedApp(obj) === app) out.push(obj);
  }
  return out;
}

function imagesOf(obj: KubeObject | undefined): string[] {
  const spec = obj && isObj(obj.spec) ? obj.spec : undefined;
  const template = spec && isObj(spec.template) ? spec.template : undefined;
  const podSpec = template && isObj(template.spec) ? template.spec : undefined;
  const containers = podSpec && Array.isArray(podSpec.containers) ? (podSpec.containers as { image?: string }[]) : [];
  return containers.map((c) => c.image ?? '').filter(Boolean);
}

function statusEntry(ref: ResourceRef, status: 'Synced' | 'OutOfSync', health: Health | undefined, prune = false): ResourceStatus {
  return {
    ...(ref.group ? { group: ref.group } : {}),
    version: ref.version,
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    status,
    ...(health ? { health } : {}),
    ...(prune ? { requiresPruning: true } : {}),
  };
}

/** Argo CD's comparison: each desired object Synced/OutOfSync with its health, plus what to prune. */
export function compareApp(api: ClusterApi, app: string, desired: DesiredState, kinds: Set<string>): Comparison {
  const resources: ResourceStatus[] = [];
  const healths: (Health | undefined)[] = [];
  const images = new Set<string>();
  const wanted = new Set<string>();
  for (const obj of desired.objects) {
    const ref = refOf(obj);
    wanted.add(refKey(ref));
    const live = liveOf(api, ref);
    const health = resourceHealth(live);
    healths.push(health);
    for (const image of imagesOf(live)) images.add(image);
    resources.push(statusEntry(ref, inSync(api, obj) ? 'Synced' : 'OutOfSync', health));
  }
  const extraneous: ResourceRef[] = [];
  for (const live of trackedLive(api, app, kinds)) {
    const ref = refFromTracked(live);
    if (wanted.has(refKey(ref))) continue;
    extraneous.push(ref);
    resources.push(statusEntry(ref, 'OutOfSync', resourceHealth(live), true));
  }
  resources.sort((a, b) => `${a.group ?? ''}/${a.kind}/${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.group ?? ''}/${b.kind}/${b.namespace ?? ''}/${b.name}`));
  return {
    status: resources.every((r) => r.status === 'Synced') ? 'Synced' : 'OutOfSync',
    health: worstHealth(healths),
    resources,
    images: [...images].sort(),
    extraneous,
  };
}
