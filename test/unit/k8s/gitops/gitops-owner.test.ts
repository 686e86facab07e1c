import { describe, expect, it } from 'vitest';
import { gitopsOwnerOf } from '../../../../src/k8s/gitops/gitops-owner.js';

const meta = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({ metadata: { name: 'x', labels, annotations } });

describe('gitopsOwnerOf', () => {
  it('reads the Argo CD tracking id, with and without an app namespace', () => {
    expect(gitopsOwnerOf(meta({}, { 'argocd.argoproj.io/tracking-id': 'argo-api:apps/Deployment:shop/argo-api' }))).toEqual({ tool: 'argocd', kind: 'Application', namespace: 'argocd', name: 'argo-api' });
    expect(gitopsOwnerOf(meta({}, { 'argocd.argoproj.io/tracking-id': 'team-a_web:apps/Deployment:shop/web' }))).toEqual({ tool: 'argocd', kind: 'Application', namespace: 'team-a', name: 'web' });
  });

  it('takes the instance label alone only when Helm does not manage the object', () => {
    expect(gitopsOwnerOf(meta({ 'app.kubernetes.io/instance': 'argo-api' }))).toMatchObject({ tool: 'argocd', name: 'argo-api' });
    expect(gitopsOwnerOf(meta({ 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/managed-by': 'Helm' }))).toBeUndefined();
  });

  it('prefers the Flux labels, Kustomization or HelmRelease', () => {
    expect(gitopsOwnerOf(meta({ 'kustomize.toolkit.fluxcd.io/name': 'flux-web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system', 'app.kubernetes.io/instance': 'flux-web' }))).toEqual({
      tool: 'flux', kind: 'Kustomization', namespace: 'flux-system', name: 'flux-web',
    });
    expect(gitopsOwnerOf(meta({ 'helm.toolkit.fluxcd.io/name': 'web', 'helm.toolkit.fluxcd.io/namespace': 'apps' }))).toMatchObject({ tool: 'flux', kind: 'HelmRelease' });
  });

  it('ignores names from the cluster that could not be Kubernetes names (they end up in API paths)', () => {
    expect(gitopsOwnerOf(meta({ 'kustomize.toolkit.fluxcd.io/name': '../../secrets', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' }))).toBeUndefined();
    expect(gitopsOwnerOf(meta({}, { 'argocd.argoproj.io/tracking-id': 'Bad/Name:apps/Deployment:shop/x' }))).toBeUndefined();
    expect(gitopsOwnerOf(meta())).toBeUndefined();
  });
});
