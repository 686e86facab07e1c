import type { CommandName } from '../../core/invocation.js';
import { describeOwner, type Owner } from '../../core/owner.js';

/**
 * What to do instead of a refused kubectl-style change, per owner: the owner's own path. Plain
 * text; names come from the cluster and are escaped by the view.
 */
export function ownerAlternatives(owner: Exclude<Owner, { kind: 'none' }>, command: CommandName): string[] {
  const who = describeOwner(owner);
  switch (owner.kind) {
    case 'helm':
      return [
        `/k8s rollback and /k8s upgrade of this app go through Helm (a new revision of release ${owner.release}).`,
        `For a ${command}, change the chart's values and run helm upgrade ${owner.release} --reuse-values --set …, so the release records it.`,
      ];
    case 'argocd':
    case 'flux':
      return [
        `Change the desired state in Git: ${who} applies it, and self-heal keeps it.`,
        `For an emergency change, suspend the owner first (/k8s suspend, or the ${owner.kind === 'argocd' ? 'argocd' : 'flux'} CLI), then retry; resume it and fix Git afterwards (/k8s sync shows when Git and the cluster agree again).`,
      ];
    case 'rollout':
      return [
        `Change the Rollout ${owner.name} itself: spec.template for the image, spec.replicas for the scale.`,
        `Or use its own controls: kubectl argo rollouts undo|restart|abort|promote ${owner.name}.`,
      ];
  }
}
