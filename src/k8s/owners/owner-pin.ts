import { ShipmateError } from '../../core/errors.js';
import { describeOwner, type Owner, type OwnerPin } from '../../core/owner.js';

export type { OwnerPin };

/** The owner a pin declares, filled in with the workload's namespace where the pin leaves it out. */
export function pinnedOwner(pin: OwnerPin, namespace: string): Owner {
  if (pin === 'none') return { kind: 'none' };
  if ('helm' in pin) return { kind: 'helm', release: pin.helm.release, namespace };
  if ('argocd' in pin) {
    const { application, namespace: ns } = pin.argocd;
    return ns === undefined ? { kind: 'argocd', application, via: 'tracking-id' } : { kind: 'argocd', application, namespace: ns, via: 'tracking-id' };
  }
  if ('flux' in pin) return { kind: 'flux', controller: pin.flux.kind, name: pin.flux.name, namespace: pin.flux.namespace ?? namespace };
  return { kind: 'rollout', name: pin.rollout.name, namespace, via: 'workloadRef' };
}

function identity(o: Owner): string {
  switch (o.kind) {
    case 'none':
      return 'none';
    case 'helm':
      return `helm/${o.namespace}/${o.release}`;
    case 'argocd':
      // Label tracking carries no namespace: the application name alone must agree.
      return `argocd/${o.application}`;
    case 'flux':
      return `flux/${o.controller}/${o.namespace}/${o.name}`;
    case 'rollout':
      return `rollout/${o.namespace}/${o.name}`;
  }
}

/**
 * The owner to act on: the pinned one when the cluster agrees or shows no owner at all (a pin may
 * name an owner that leaves no hints), otherwise a clear error: acting on either guess could undo
 * someone's change.
 */
export function reconcilePin(app: string, pin: OwnerPin | undefined, detected: Owner, namespace: string): Owner {
  if (pin === undefined) return detected;
  const pinned = pinnedOwner(pin, namespace);
  if (detected.kind === 'none' || identity(detected) === identity(pinned)) {
    // Keep what detection knows beyond the pin (e.g. the Argo CD namespace from the tracking id).
    return detected.kind === 'none' ? pinned : detected;
  }
  throw new ShipmateError(
    'config',
    `app ${app} pins its owner to ${describeOwner(pinned)} (apps.${app}.owner), but the cluster shows ${describeOwner(detected)}; ` +
      `fix apps.${app}.owner or the workload's ownership labels before changing it`,
  );
}
