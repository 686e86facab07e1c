import { describe, expect, it } from 'vitest';
import { gitopsOwnerFrom } from '../../../../src/k8s/gitops/gitops-owner.js';

describe('gitopsOwnerFrom (the object the GitOps commands address, from the owners module’s Owner)', () => {
  it('an Argo CD owner without a namespace (label tracking) lives in argocd', () => {
    expect(gitopsOwnerFrom({ kind: 'argocd', application: 'argo-api', via: 'instance-label' })).toEqual({ tool: 'argocd', kind: 'Application', namespace: 'argocd', name: 'argo-api' });
    expect(gitopsOwnerFrom({ kind: 'argocd', application: 'web', namespace: 'team-a', via: 'tracking-id' })).toEqual({ tool: 'argocd', kind: 'Application', namespace: 'team-a', name: 'web' });
  });

  it('a Flux owner keeps its controller kind', () => {
    expect(gitopsOwnerFrom({ kind: 'flux', controller: 'HelmRelease', name: 'web', namespace: 'apps' })).toEqual({ tool: 'flux', kind: 'HelmRelease', namespace: 'apps', name: 'web' });
  });

  it('other owners are not GitOps; names from the cluster that are not Kubernetes names never reach an API path', () => {
    expect(gitopsOwnerFrom({ kind: 'helm', release: 'web', namespace: 'shop' })).toBeUndefined();
    expect(gitopsOwnerFrom({ kind: 'none' })).toBeUndefined();
    expect(gitopsOwnerFrom({ kind: 'flux', controller: 'Kustomization', name: '../../secrets', namespace: 'flux-system' })).toBeUndefined();
    expect(gitopsOwnerFrom({ kind: 'argocd', application: 'Bad/Name', via: 'tracking-id' })).toBeUndefined();
  });
});
