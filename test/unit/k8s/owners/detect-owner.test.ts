import { describe, expect, it } from 'vitest';
import { describeOwner, type Owner } from '../../../../src/core/owner.js';
import type { KObject } from '../../../../src/k8s/objects/k8s-object.js';
import { detectOwner } from '../../../../src/k8s/owners/detect-owner.js';
import { createOwnerCache } from '../../../../src/k8s/owners/owner-cache.js';
import { reconcilePin } from '../../../../src/k8s/owners/owner-pin.js';
import { routeCommand } from '../../../../src/k8s/operations/owner-routing.js';

function deployment(labels: Record<string, string> = {}, annotations: Record<string, string> = {}): KObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', labels: { app: 'api', ...labels }, annotations } };
}

const HELM = { labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'api' }, annotations: { 'meta.helm.sh/release-name': 'api-release', 'meta.helm.sh/release-namespace': 'shop' } };

describe('detectOwner', () => {
  it('finds nothing on a plain workload', () => {
    expect(detectOwner(deployment())).toEqual({ kind: 'none' });
  });

  it('reads a Helm release from managed-by plus the meta.helm.sh annotations (the instance label does not make it Argo CD)', () => {
    expect(detectOwner(deployment(HELM.labels, HELM.annotations))).toEqual({ kind: 'helm', release: 'api-release', namespace: 'shop' });
  });

  it('reads an Argo CD application from the tracking id, with its namespace in apps-in-any-namespace form', () => {
    expect(detectOwner(deployment({}, { 'argocd.argoproj.io/tracking-id': 'shop-api:apps/Deployment:shop/api' }))).toEqual({ kind: 'argocd', application: 'shop-api', via: 'tracking-id' });
    expect(detectOwner(deployment({}, { 'argocd.argoproj.io/tracking-id': 'team-a_shop-api:apps/Deployment:shop/api' }))).toEqual({ kind: 'argocd', application: 'shop-api', namespace: 'team-a', via: 'tracking-id' });
  });

  it('reads Argo CD label tracking from app.kubernetes.io/instance when nothing else claims the object', () => {
    expect(detectOwner(deployment({ 'app.kubernetes.io/instance': 'shop-api' }))).toEqual({ kind: 'argocd', application: 'shop-api', via: 'instance-label' });
  });

  it('reads Flux Kustomizations and HelmReleases; Flux wins over the Helm labels of the charts it installs', () => {
    expect(detectOwner(deployment({ 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' }))).toEqual({ kind: 'flux', controller: 'Kustomization', name: 'apps', namespace: 'flux-system' });
    const viaFlux = deployment({ ...HELM.labels, 'helm.toolkit.fluxcd.io/name': 'api', 'helm.toolkit.fluxcd.io/namespace': 'flux-system' }, HELM.annotations);
    expect(detectOwner(viaFlux)).toEqual({ kind: 'flux', controller: 'HelmRelease', name: 'api', namespace: 'flux-system' });
  });

  it('reads an Argo Rollout that references the Deployment through workloadRef, ahead of every other hint', () => {
    const rollouts: KObject[] = [
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'other', namespace: 'shop' }, spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api-rollout', namespace: 'shop' }, spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } },
    ];
    expect(detectOwner(deployment(HELM.labels, HELM.annotations), rollouts)).toEqual({ kind: 'rollout', name: 'api-rollout', namespace: 'shop', via: 'workloadRef' });
    expect(detectOwner(deployment(), rollouts.slice(0, 1))).toEqual({ kind: 'none' });
    expect(detectOwner({ kind: 'Rollout', metadata: { name: 'r', namespace: 'shop' } })).toEqual({ kind: 'rollout', name: 'r', namespace: 'shop', via: 'kind' });
  });
});

describe('describeOwner', () => {
  it('renders the owner as the card shows it', () => {
    expect(describeOwner({ kind: 'helm', release: 'api-service', namespace: 'shop', revision: 7, chart: 'api-service-1.4.2', status: 'deployed' })).toBe('Helm release api-service, revision 7, chart api-service-1.4.2');
    expect(describeOwner({ kind: 'helm', release: 'api', namespace: 'shop', revision: 3, status: 'pending-upgrade' })).toBe('Helm release api, revision 3, status pending-upgrade');
  });
});

describe('reconcilePin', () => {
  const helm: Owner = { kind: 'helm', release: 'api-release', namespace: 'shop' };

  it('keeps the detected owner when the pin agrees, and takes the pin when the cluster shows none', () => {
    expect(reconcilePin('api', { helm: { release: 'api-release' } }, helm, 'shop')).toEqual(helm);
    expect(reconcilePin('api', { argocd: { application: 'shop-api' } }, { kind: 'none' }, 'shop')).toEqual({ kind: 'argocd', application: 'shop-api', via: 'tracking-id' });
  });

  it('is a clear error when the cluster contradicts the pin', () => {
    expect(() => reconcilePin('api', { helm: { release: 'other' } }, helm, 'shop')).toThrow(
      'app api pins its owner to Helm release other (apps.api.owner), but the cluster shows Helm release api-release; fix apps.api.owner or the workload\'s ownership labels before changing it',
    );
    expect(() => reconcilePin('api', 'none', helm, 'shop')).toThrow(/pins its owner to none/);
  });
});

describe('routeCommand', () => {
  it('routes Helm rollback and upgrade to the Helm strategy, and flags other imperative changes on owned workloads', () => {
    const helm: Owner = { kind: 'helm', release: 'api', namespace: 'shop' };
    expect(routeCommand(helm, 'rollback')).toEqual({ strategy: 'helm' });
    expect(routeCommand(helm, 'upgrade')).toEqual({ strategy: 'helm' });
    expect(routeCommand(helm, 'restart')).toEqual({ strategy: 'plain', unsafe: expect.stringContaining('the next helm upgrade undoes it') });
    // GitOps (issue 13): an Argo CD rollback goes through the app's history; other imperative changes name the GitOps way.
    expect(routeCommand({ kind: 'argocd', application: 'a', via: 'tracking-id' }, 'rollback')).toEqual({ strategy: 'gitops' });
    expect(routeCommand({ kind: 'argocd', application: 'a', via: 'tracking-id' }, 'restart').unsafe).toMatch(/self-heal.*\(instead: \/k8s suspend first/);
    expect(routeCommand({ kind: 'flux', controller: 'Kustomization', name: 'k', namespace: 'flux-system' }, 'upgrade').unsafe).toContain('instead: change the image tag in Git, then /k8s sync');
    expect(routeCommand({ kind: 'none' }, 'scale')).toEqual({ strategy: 'plain' });
  });
});

describe('owner cache', () => {
  it('forgets entries after the ttl', () => {
    let t = 0;
    const cache = createOwnerCache({ ttlMs: 100, now: () => t });
    cache.set('k', { kind: 'none' });
    t = 99;
    expect(cache.get('k')).toEqual({ kind: 'none' });
    t = 100;
    expect(cache.get('k')).toBeUndefined();
  });
});
