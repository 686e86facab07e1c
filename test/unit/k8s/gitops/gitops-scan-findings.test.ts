import { describe, expect, it } from 'vitest';
import { applicationFindings, fluxFindings } from '../../../../src/k8s/scans/gitops-scan.js';

describe('GitOps scan findings', () => {
  it('one finding per Application: OutOfSync warns, Degraded is critical (an escalation of the same key), placed where it deploys', () => {
    const app = {
      metadata: { namespace: 'argocd', name: 'argo-api' },
      spec: { destination: { namespace: 'shop' } },
      status: { sync: { status: 'OutOfSync' }, health: { status: 'Degraded', message: 'rollout stuck' }, resources: [{ kind: 'Deployment', name: 'argo-api' }, { kind: 'Service', name: 'argo-api' }] },
    };
    const findings = applicationFindings(app, 'prod');
    expect(findings.map((f) => [f.key, f.severity, f.namespace])).toEqual([['gitops/application/argocd/argo-api', 'critical', 'shop']]);
    expect(findings[0]?.summary).toBe('Argo CD health Degraded (rollout stuck), sync OutOfSync (the cluster differs from Git)');
    expect(findings[0]?.workloads).toEqual([{ kind: 'Deployment', name: 'argo-api' }]);
    const outOfSyncOnly = applicationFindings({ ...app, status: { ...app.status, health: { status: 'Healthy' } } }, 'prod');
    expect(outOfSyncOnly.map((f) => [f.key, f.severity])).toEqual([['gitops/application/argocd/argo-api', 'warn']]);
    expect(applicationFindings({ metadata: { namespace: 'argocd', name: 'ok' }, status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } } }, 'prod')).toEqual([]);
  });

  it('a Flux object suspended, or not Ready, but not both at once', () => {
    const base = { metadata: { namespace: 'flux-system', name: 'flux-web' }, status: { inventory: { entries: [{ id: 'shop_flux-web_apps_Deployment' }] }, conditions: [{ type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'kustomize build failed' }] } };
    expect(fluxFindings({ ...base, spec: { suspend: true } }, 'Kustomization', 'dev').map((f) => [f.key, f.severity])).toEqual([['gitops/kustomization/flux-system/flux-web', 'warn']]);
    const notReady = fluxFindings(base, 'Kustomization', 'dev');
    expect(notReady).toMatchObject([{ key: 'gitops/kustomization/flux-system/flux-web', severity: 'critical', namespace: 'shop', workloads: [{ kind: 'Deployment', name: 'flux-web' }] }]);
    expect(notReady[0]?.summary).toContain('BuildFailed kustomize build failed');
  });
});
