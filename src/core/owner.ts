/**
 * Who changes a workload besides Shipmate (DESIGN.md §4a). Structured data: detection fills it in
 * from the live objects, views render it, policy and routing branch on `kind`.
 */
export type Owner =
  | { kind: 'none' }
  | HelmOwner
  | { kind: 'argocd'; application: string; /** From the tracking-id annotation; absent in label-tracking mode. */ namespace?: string; via: 'tracking-id' | 'instance-label' }
  | { kind: 'flux'; controller: 'Kustomization' | 'HelmRelease'; name: string; namespace: string }
  | { kind: 'rollout'; name: string; namespace: string; via: 'workloadRef' | 'kind' };

export interface HelmOwner {
  kind: 'helm';
  release: string;
  namespace: string;
  /** The release's current revision, when its record could be read. */
  revision?: number;
  /** `<name>-<version>` of the chart in that revision. */
  chart?: string;
  appVersion?: string;
  status?: string;
}

export type OwnerKind = Owner['kind'];

/** The owner kinds that make an imperative change unsafe, each with its own policy default. */
export type OwningKind = Exclude<OwnerKind, 'none'>;
export const OWNING_KINDS: readonly OwningKind[] = ['helm', 'argocd', 'flux', 'rollout'];

/** What policy lets an imperative (kubectl-style) change to an owned workload do. */
export type ImperativeVerdict = 'refuse' | 'warn' | 'allow';

/** Until the GitOps and Rollouts strategies exist, an imperative change is refused there; Helm drift only warns. */
export const IMPERATIVE_DEFAULTS: Readonly<Record<OwningKind, ImperativeVerdict>> = { helm: 'warn', argocd: 'refuse', flux: 'refuse', rollout: 'refuse' };

/**
 * Plain text (no markup; views escape it), e.g. `Helm release api-service, revision 7, chart
 * api-service-1.4.2`. One wording for cards, status and refusals.
 */
export function describeOwner(owner: Owner): string {
  switch (owner.kind) {
    case 'none':
      return 'none (plain workload)';
    case 'helm': {
      const parts = [`Helm release ${owner.release}`];
      if (owner.revision !== undefined) parts.push(`revision ${owner.revision}`);
      if (owner.chart) parts.push(`chart ${owner.chart}`);
      if (owner.status && owner.status !== 'deployed') parts.push(`status ${owner.status}`);
      return parts.join(', ');
    }
    case 'argocd':
      return `Argo CD Application ${owner.namespace ? `${owner.namespace}/` : ''}${owner.application}`;
    case 'flux':
      return `Flux ${owner.controller} ${owner.namespace}/${owner.name}`;
    case 'rollout':
      return owner.via === 'workloadRef' ? `Argo Rollout ${owner.name} (workloadRef to this Deployment)` : `Argo Rollout ${owner.name}`;
  }
}

/** `apps.<app>.owner` in config: the owner an operator declares, checked against the cluster. */
export type OwnerPin =
  | 'none'
  | { helm: { release: string } }
  | { argocd: { application: string; namespace?: string | undefined } }
  | { flux: { kind: 'Kustomization' | 'HelmRelease'; name: string; namespace?: string | undefined } }
  | { rollout: { name: string } };
