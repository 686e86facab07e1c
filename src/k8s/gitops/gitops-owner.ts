import type { Owner } from '../../core/owner.js';

/**
 * A GitOps owner as the GitOps commands address it: the object to read and write. Detection is the
 * owners module's (k8s/owners, `detectOwner` + config pins); this only names the object.
 */
export type GitOpsOwner =
  | { tool: 'argocd'; kind: 'Application'; namespace: string; name: string }
  | { tool: 'flux'; kind: 'Kustomization' | 'HelmRelease'; namespace: string; name: string };

/** Where Argo CD keeps its Applications when the tracking id names no namespace. */
export const ARGOCD_NAMESPACE = 'argocd';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The GitOps object behind an owner; undefined for other owners. Names from the cluster are validated before they reach a path. */
export function gitopsOwnerFrom(owner: Owner): GitOpsOwner | undefined {
  const o: GitOpsOwner | undefined =
    owner.kind === 'argocd'
      ? { tool: 'argocd', kind: 'Application', namespace: owner.namespace ?? ARGOCD_NAMESPACE, name: owner.application }
      : owner.kind === 'flux'
        ? { tool: 'flux', kind: owner.controller, namespace: owner.namespace, name: owner.name }
        : undefined;
  return o && DNS_LABEL.test(o.namespace) && DNS_SUBDOMAIN.test(o.name) ? o : undefined;
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
