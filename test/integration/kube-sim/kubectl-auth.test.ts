import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must, namespace } from './kubectl.js';

/**
 * RBAC and the authorization reviews with the real kubectl. kubectl 1.32 sends `auth can-i`'s
 * review as protobuf, which kube-sim decodes only once the protobuf work lands; until then the same
 * SelfSubjectAccessReview goes through `kubectl create -f` (a JSON body), impersonation included.
 */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

const RBAC = 'rbac.authorization.k8s.io/v1';

function ssar(attrs: Record<string, string>): object {
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attrs } };
}

async function canI(attrs: Record<string, string>, ...extra: string[]): Promise<{ allowed: boolean; reason?: string }> {
  const out = await must(k('create', '--validate=false', '-f', await manifest(ssar(attrs)), '-o', 'json', ...extra));
  return (JSON.parse(out) as { status: { allowed: boolean; reason?: string } }).status;
}

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('shop'));
  await sim.cluster('dev').create(namespace('other'));
  await must(
    k('apply', '--validate=false', '-f', await manifest(
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'pod-reader', namespace: 'shop' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] },
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'one-config', namespace: 'shop' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] }] },
      { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'deploy-scaler' }, rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['*'] }] },
    )),
  );
});

afterAll(async () => {
  await sim.stop();
});

describe('RBAC and authorization reviews against kube-sim', () => {
  it('api-versions lists what a v1.32 apiserver serves', async () => {
    const versions = (await must(k('api-versions'))).trim().split('\n');
    expect(versions).toEqual([
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
      'apps/v1',
      'authentication.k8s.io/v1',
      'authorization.k8s.io/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'batch/v1',
      'certificates.k8s.io/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'events.k8s.io/v1',
      'flowcontrol.apiserver.k8s.io/v1',
      'networking.k8s.io/v1',
      'node.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ]);
  });

  it('the kubeconfig user is cluster-admin through the seeded ClusterRoleBinding', async () => {
    const decision = await canI({ verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'shop' });
    expect(decision).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kube-sim:cluster-admins" of ClusterRole "cluster-admin" to Group "kube-sim:cluster-admins"' });
    const crb = await must(k('get', 'clusterrolebindings'));
    expect(crb).toMatch(/NAME\s+ROLE\s+AGE/);
    expect(crb).toMatch(/kube-sim:cluster-admins\s+ClusterRole\/cluster-admin\s/);
  });

  it('answers for an impersonated user before and after a RoleBinding, honouring namespaces, subresources and resourceNames', async () => {
    expect((await canI({ verb: 'list', resource: 'pods', namespace: 'shop' }, '--as=alice')).allowed).toBe(false);
    const denied = await k('--as=alice', '-n', 'shop', 'get', 'pods');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "shop"');

    await must(k('apply', '--validate=false', '-f', await manifest(
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'alice-reads', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'alice-config', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-config' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'ops-scale', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'deploy-scaler' }, subjects: [{ kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }] },
    )));

    const allowed = await canI({ verb: 'list', resource: 'pods', namespace: 'shop' }, '--as=alice');
    expect(allowed).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "alice-reads/shop" of Role "pod-reader" to User "alice"' });
    expect((await canI({ verb: 'list', resource: 'pods', namespace: 'other' }, '--as=alice')).allowed).toBe(false);
    expect((await canI({ verb: 'delete', resource: 'pods', namespace: 'shop' }, '--as=alice')).allowed).toBe(false);
    expect((await canI({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop' }, '--as=alice')).allowed).toBe(true);
    expect((await canI({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop' }, '--as=alice')).allowed).toBe(false);
    expect((await canI({ verb: 'update', resource: 'configmaps', name: 'app-config', namespace: 'shop' }, '--as=alice')).allowed).toBe(true);
    expect((await canI({ verb: 'update', resource: 'configmaps', name: 'other', namespace: 'shop' }, '--as=alice')).allowed).toBe(false);
    expect((await canI({ verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'shop' }, '--as=bob', '--as-group=ops')).allowed).toBe(true);
    expect((await canI({ verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop' }, '--as=bob', '--as-group=ops')).allowed).toBe(false);

    const listed = await k('--as=alice', '-n', 'shop', 'get', 'pods');
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('No resources found in shop namespace.');
  });

  it('SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectRulesReview answer from the same objects', async () => {
    const sar = JSON.parse(await must(k('create', '--validate=false', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: 'alice', resourceAttributes: { verb: 'watch', resource: 'pods', namespace: 'shop' } },
    })))) as { status: { allowed: boolean } };
    expect(sar.status.allowed).toBe(true);
    const lsar = JSON.parse(await must(k('-n', 'other', 'create', '--validate=false', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: 'other' },
      spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods' } },
    })))) as { status: { allowed: boolean } };
    expect(lsar.status.allowed).toBe(false);
    const rules = JSON.parse(await must(k('--as=alice', 'create', '--validate=false', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'shop' },
    })))) as { status: { resourceRules: { verbs: string[]; resources: string[]; resourceNames?: string[] }[]; incomplete: boolean } };
    expect(rules.status.incomplete).toBe(false);
    expect(rules.status.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'] });
    expect(rules.status.resourceRules).toContainEqual({ verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] });
    expect(rules.status.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
  });

  it('serves HorizontalPodAutoscalers as autoscaling/v1 and v2 from one store', async () => {
    await must(k('apply', '--validate=false', '-f', await manifest({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
    })));
    const v2 = JSON.parse(await must(k('-n', 'shop', 'get', 'horizontalpodautoscalers.v2.autoscaling', 'web', '-o', 'json'))) as { apiVersion: string; spec: Record<string, unknown> };
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(v2.spec.targetCPUUtilizationPercentage).toBeUndefined();
    const v1 = JSON.parse(await must(k('-n', 'shop', 'get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'json'))) as { apiVersion: string; spec: Record<string, unknown> };
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
    expect(await must(k('-n', 'shop', 'get', 'hpa'))).toMatch(/NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+5\s+0\s+\S+/);
  });

  it('serves networking, storage and discovery objects with their printer columns', async () => {
    await must(k('apply', '--validate=false', '-f', await manifest(
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com' }] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } } } },
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'ebs.csi.aws.com' }, spec: { attachRequired: true } },
    )));
    expect(await must(k('-n', 'shop', 'get', 'ingress'))).toMatch(/NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nweb\s+nginx\s+shop\.example\.com\s+80\s+\S+/);
    expect(await must(k('-n', 'shop', 'get', 'netpol'))).toMatch(/NAME\s+POD-SELECTOR\s+AGE\ndeny\s+app=web\s+/);
    expect(await must(k('get', 'sc'))).toMatch(/NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE\ngp3 \(default\)\s+ebs\.csi\.aws\.com\s+Delete\s+WaitForFirstConsumer\s+true\s+/);
    expect(await must(k('get', 'csidrivers', '-o', 'name'))).toBe('csidriver.storage.k8s.io/ebs.csi.aws.com\n');
    expect(await must(k('get', 'endpointslices'))).toMatch(/NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nkubernetes\s+IPv4\s+6443\s+10\.0\.0\.11,10\.0\.0\.12,10\.0\.0\.13\s+/);
  });
});
