import type { KObject } from '../objects/k8s-object.js';

/**
 * The GitOps object that owns a workload, found from the marks the controllers leave on what they
 * apply. A small local shape until the owners module (src/k8s/owners, branch owners-helm) carries
 * a GitOps owner type; the lead's merge replaces `gitopsOwnerOf` with that detection.
 */
export type GitOpsOwner =
  | { tool: 'argocd'; kind: 'Application'; namespace: string; name: string }
  | { tool: 'flux'; kind: 'Kustomization' | 'HelmRelease'; namespace: string; name: string };

export const ARGOCD_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
export const ARGOCD_INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** Where Argo CD runs and keeps its Applications unless configured otherwise. */
export const ARGOCD_NAMESPACE = 'argocd';

const FLUX_MARKS = [
  { kind: 'Kustomization', prefix: 'kustomize.toolkit.fluxcd.io' },
  { kind: 'HelmRelease', prefix: 'helm.toolkit.fluxcd.io' },
] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Owner from labels/annotations only (pure). Names from the cluster are validated before use in a path. */
export function gitopsOwnerOf(obj: KObject): GitOpsOwner | undefined {
  const labels = obj.metadata?.labels ?? {};
  const annotations = obj.metadata?.annotations ?? {};
  for (const mark of FLUX_MARKS) {
    const name = labels[`${mark.prefix}/name`];
    const namespace = labels[`${mark.prefix}/namespace`];
    if (name && namespace && DNS_SUBDOMAIN.test(name) && DNS_LABEL.test(namespace)) return { tool: 'flux', kind: mark.kind, namespace, name };
  }
  // tracking-id is `<app>:<group>/<kind>:<ns>/<name>`; the app part may carry `<namespace>_` (apps in any namespace).
  const tracking = annotations[ARGOCD_TRACKING_ID]?.split(':')[0];
  const app = tracking ?? labels[ARGOCD_INSTANCE_LABEL];
  if (!app) return undefined;
  const [ns, name] = app.includes('_') ? (app.split('_', 2) as [string, string]) : [ARGOCD_NAMESPACE, app];
  if (!DNS_LABEL.test(ns) || !DNS_SUBDOMAIN.test(name)) return undefined;
  // The instance label alone is also Helm's; only trust it when Argo CD left its tracking id or no Helm marks exist.
  if (!tracking && labels['app.kubernetes.io/managed-by'] === 'Helm') return undefined;
  return { tool: 'argocd', kind: 'Application', namespace: ns, name };
}

export function describeOwner(o: GitOpsOwner): string {
  return o.tool === 'argocd' ? `Argo CD Application ${o.namespace}/${o.name}` : `Flux ${o.kind} ${o.namespace}/${o.name}`;
}

const PATHS = {
  Application: 'apis/argoproj.io/v1alpha1',
  Kustomization: 'apis/kustomize.toolkit.fluxcd.io/v1',
  HelmRelease: 'apis/helm.toolkit.fluxcd.io/v2',
  GitRepository: 'apis/source.toolkit.fluxcd.io/v1',
} as const;

const PLURALS = { Application: 'applications', Kustomization: 'kustomizations', HelmRelease: 'helmreleases', GitRepository: 'gitrepositories' } as const;

export type GitOpsKind = keyof typeof PATHS;

export function gitopsPath(kind: GitOpsKind, namespace: string, name: string): string {
  return `/${PATHS[kind]}/namespaces/${encodeURIComponent(namespace)}/${PLURALS[kind]}/${encodeURIComponent(name)}`;
}

export function ownerPath(o: GitOpsOwner): string {
  return gitopsPath(o.kind, o.namespace, o.name);
}
