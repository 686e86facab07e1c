import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must, namespace } from './kubectl.js';

/**
 * RBAC and the authorization reviews with the real kubectl: `auth can-i` (its review goes as
 * protobuf), `auth can-i --list`, `auth whoami`, impersonation with `--as` / `--as-group`, and the
 * reviews sent as manifests, all with client-side validation on.
 */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

const RBAC = 'rbac.authorization.k8s.io/v1';

/** `kubectl auth can-i`: exit 0 and "yes", or exit 1 and "no" (anything else is a failure). */
async function canI(...args: string[]): Promise<boolean> {
  const r = await k('auth', 'can-i', ...args);
  if (r.code === 0 && r.stdout === 'yes\n') return true;
  if (r.code === 1 && r.stdout === 'no\n') return false;
  throw new Error(`kubectl auth can-i ${args.join(' ')} answered ${r.code}: ${r.stdout}${r.stderr}`);
}

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('shop'));
  await sim.cluster('dev').create(namespace('other'));
  await must(
    k('apply', '-f', await manifest(
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
    expect(await canI('delete', 'deployments.apps', '-n', 'shop')).toBe(true);
    expect(await canI('*', '*')).toBe(true);
    const review = JSON.parse(await must(k('create', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'shop' } },
    })))) as { status: { allowed: boolean; reason?: string } };
    expect(review.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kube-sim:cluster-admins" of ClusterRole "cluster-admin" to Group "kube-sim:cluster-admins"' });
    const crb = await must(k('get', 'clusterrolebindings'));
    expect(crb).toMatch(/NAME\s+ROLE\s+AGE/);
    expect(crb).toMatch(/kube-sim:cluster-admins\s+ClusterRole\/cluster-admin\s/);
    expect(await must(k('auth', 'whoami'))).toMatch(/^ATTRIBUTE\s+VALUE\nUsername\s+kube-sim-admin\nGroups\s+\[kube-sim:cluster-admins system:authenticated\]\n$/);
  });

  it('auth can-i answers for an impersonated user before and after a RoleBinding, honouring namespaces, subresources and resourceNames', async () => {
    const no = await k('auth', 'can-i', 'list', 'pods', '-n', 'shop', '--as=alice');
    expect(no).toMatchObject({ code: 1, stdout: 'no\n' });
    const denied = await k('--as=alice', '-n', 'shop', 'get', 'pods');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "shop"');

    await must(k('-n', 'shop', 'create', 'rolebinding', 'alice-reads', '--role=pod-reader', '--user=alice'));
    await must(k('-n', 'shop', 'create', 'rolebinding', 'alice-config', '--role=one-config', '--user=alice'));
    await must(k('-n', 'shop', 'create', 'rolebinding', 'ops-scale', '--clusterrole=deploy-scaler', '--group=ops'));

    expect(await k('auth', 'can-i', 'list', 'pods', '-n', 'shop', '--as=alice')).toMatchObject({ code: 0, stdout: 'yes\n' });
    expect(await canI('list', 'pods', '-n', 'other', '--as=alice')).toBe(false);
    expect(await canI('delete', 'pods', '-n', 'shop', '--as=alice')).toBe(false);
    expect(await canI('get', 'pods', '--subresource=log', '-n', 'shop', '--as=alice')).toBe(true);
    expect(await canI('create', 'pods', '--subresource=exec', '-n', 'shop', '--as=alice')).toBe(false);
    expect(await canI('update', 'configmaps/app-config', '-n', 'shop', '--as=alice')).toBe(true);
    expect(await canI('update', 'configmaps/other', '-n', 'shop', '--as=alice')).toBe(false);
    expect(await canI('patch', 'deployments.apps', '--subresource=scale', '-n', 'shop', '--as=bob', '--as-group=ops')).toBe(true);
    expect(await canI('patch', 'deployments.apps', '-n', 'shop', '--as=bob', '--as-group=ops')).toBe(false);
    expect(await canI('patch', 'deployments.apps', '--subresource=scale', '-n', 'shop', '--as=bob')).toBe(false);

    const listed = await k('--as=alice', '-n', 'shop', 'get', 'pods');
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('No resources found in shop namespace.');
    // Each decision went over the wire as a protobuf SelfSubjectAccessReview.
    expect(sim.cluster('dev').requests.some((r) => r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && (r.contentType ?? '').includes('protobuf') && r.status === 201)).toBe(true);
  });

  it('auth can-i --list and auth whoami report the impersonated user', async () => {
    const rules = await must(k('auth', 'can-i', '--list', '-n', 'shop', '--as=alice'));
    expect(rules).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n/);
    expect(rules).toMatch(/\npods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
    expect(rules).toMatch(/\npods\/log\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
    expect(rules).toMatch(/\nconfigmaps\s+\[\]\s+\[app-config\]\s+\[get update\]\n/);
    expect(rules).not.toContain('deployments');
    const elsewhere = await must(k('auth', 'can-i', '--list', '-n', 'other', '--as=alice'));
    expect(elsewhere).not.toMatch(/\npods\s/);
    expect(await must(k('auth', 'whoami', '--as=bob', '--as-group=ops', '-o', 'json'))).toSatisfy((out: string) => {
      const review = JSON.parse(out) as { kind: string; status: { userInfo: { username: string; groups: string[] } } };
      return review.kind === 'SelfSubjectReview' && review.status.userInfo.username === 'bob' && review.status.userInfo.groups.join(',') === 'ops,system:authenticated';
    });
  });

  it('SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectRulesReview answer from the same objects', async () => {
    const sar = JSON.parse(await must(k('create', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: 'alice', resourceAttributes: { verb: 'watch', resource: 'pods', namespace: 'shop' } },
    })))) as { status: { allowed: boolean } };
    expect(sar.status.allowed).toBe(true);
    const lsar = JSON.parse(await must(k('-n', 'other', 'create', '-o', 'json', '-f', await manifest({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: 'other' },
      spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods' } },
    })))) as { status: { allowed: boolean } };
    expect(lsar.status.allowed).toBe(false);
    const rules = JSON.parse(await must(k('--as=alice', 'create', '-o', 'json', '-f', await manifest({
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
    await must(k('apply', '-f', await manifest({
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
    await must(k('apply', '-f', await manifest(
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
