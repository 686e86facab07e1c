import type { Owner } from '../../core/owner.js';
import type { KObject } from '../objects/k8s-object.js';

/** The labels and annotations owners leave on the objects they manage. */
export const OWNER_HINTS = {
  helmManagedBy: 'app.kubernetes.io/managed-by',
  helmRelease: 'meta.helm.sh/release-name',
  helmNamespace: 'meta.helm.sh/release-namespace',
  argoTrackingId: 'argocd.argoproj.io/tracking-id',
  argoInstance: 'app.kubernetes.io/instance',
  fluxKustomizeName: 'kustomize.toolkit.fluxcd.io/name',
  fluxKustomizeNamespace: 'kustomize.toolkit.fluxcd.io/namespace',
  fluxHelmName: 'helm.toolkit.fluxcd.io/name',
  fluxHelmNamespace: 'helm.toolkit.fluxcd.io/namespace',
} as const;

type Hints = Record<string, string>;

/** `<app>:<group>/<kind>:<ns>/<name>`; the app part is `<namespace>_<app>` for apps outside argocd's namespace. */
function argoFromTrackingId(id: string): Owner | undefined {
  const app = id.split(':')[0] ?? '';
  if (app === '') return undefined;
  const sep = app.indexOf('_');
  return sep > 0 ? { kind: 'argocd', application: app.slice(sep + 1), namespace: app.slice(0, sep), via: 'tracking-id' } : { kind: 'argocd', application: app, via: 'tracking-id' };
}

function flux(labels: Hints, ns: string): Owner | undefined {
  const h = OWNER_HINTS;
  const helm = labels[h.fluxHelmName];
  if (helm) return { kind: 'flux', controller: 'HelmRelease', name: helm, namespace: labels[h.fluxHelmNamespace] ?? ns };
  const ks = labels[h.fluxKustomizeName];
  if (ks) return { kind: 'flux', controller: 'Kustomization', name: ks, namespace: labels[h.fluxKustomizeNamespace] ?? ns };
  return undefined;
}

/** The Rollout whose `spec.workloadRef` names this Deployment, if any. */
export function rolloutReferencing(workload: KObject, rollouts: readonly KObject[]): KObject | undefined {
  if (workload.kind !== 'Deployment') return undefined;
  return rollouts.find((r) => {
    const ref = (r['spec'] as { workloadRef?: { kind?: string; name?: string } } | undefined)?.workloadRef;
    return ref?.kind === 'Deployment' && ref.name === workload.metadata?.name;
  });
}

/**
 * Who owns a live workload, from its own labels and annotations and the namespace's Rollouts. The
 * order is the order of who would undo an imperative change first: a Rollout drives the pods of a
 * Deployment it references; Flux and Argo CD re-apply their sources (even of Helm charts, whose
 * objects then also carry Helm's labels); then a Helm release; the `app.kubernetes.io/instance`
 * label counts as Argo CD label tracking only when nothing else claims the object, since many
 * Helm charts set that label too.
 */
export function detectOwner(workload: KObject, rollouts: readonly KObject[] = []): Owner {
  const ns = workload.metadata?.namespace ?? '';
  if (workload.kind === 'Rollout') return { kind: 'rollout', name: workload.metadata?.name ?? '', namespace: ns, via: 'kind' };
  const ro = rolloutReferencing(workload, rollouts);
  if (ro) return { kind: 'rollout', name: ro.metadata?.name ?? '', namespace: ro.metadata?.namespace ?? ns, via: 'workloadRef' };
  const labels: Hints = workload.metadata?.labels ?? {};
  const annotations: Hints = workload.metadata?.annotations ?? {};
  const byFlux = flux(labels, ns);
  if (byFlux) return byFlux;
  const tracking = annotations[OWNER_HINTS.argoTrackingId];
  const byArgo = tracking ? argoFromTrackingId(tracking) : undefined;
  if (byArgo) return byArgo;
  const release = annotations[OWNER_HINTS.helmRelease];
  if (release && labels[OWNER_HINTS.helmManagedBy] === 'Helm') {
    return { kind: 'helm', release, namespace: annotations[OWNER_HINTS.helmNamespace] ?? ns };
  }
  const instance = labels[OWNER_HINTS.argoInstance];
  if (instance && !release) return { kind: 'argocd', application: instance, via: 'instance-label' };
  return { kind: 'none' };
}
