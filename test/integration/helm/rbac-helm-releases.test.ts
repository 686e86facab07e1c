import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import { simWithHelm } from '../owners/helm-twins.js';
import { all, find, render, type K8sObject } from './render.js';

interface PolicyRule { apiGroups: string[]; resources: string[]; verbs: string[] }
const rulesOf = (o: K8sObject) => (o['rules'] as PolicyRule[] | undefined) ?? [];
const tokens = { 'slack.botToken': 'xoxb-test', 'slack.appToken': 'xapp-test' };
const namespaced = { ...tokens, 'rbac.scope': 'namespaces', 'rbac.namespaces': '{shop}' };
const helmOn = { 'rbac.helmReleases.enabled': 'true', 'rbac.helmReleases.namespaces': '{shop}' };
const secretWrites = (rules: PolicyRule[]) => rules.filter((r) => r.resources.includes('secrets') && r.verbs.some((v) => v !== 'get' && v !== 'list'));

describe('rbac.helmReleases renders', () => {
  it('off by default: nothing in the chart writes a Secret, in either scope', async () => {
    for (const set of [tokens, namespaced]) {
      const objects = await render({ set });
      const roles = [...all(objects, 'Role'), ...all(objects, 'ClusterRole')];
      expect(roles.flatMap((r) => secretWrites(rulesOf(r)))).toEqual([]);
      expect(roles.map((r) => r.metadata.name)).not.toContain('rel-shipmate-helm');
    }
  });

  it('on: a Role and RoleBinding per listed namespace, never a ClusterRole, granting exactly helm rollback/upgrade', async () => {
    const objects = await render({ set: { ...tokens, 'rbac.helmReleases.enabled': 'true', 'rbac.helmReleases.namespaces': '{shop,payments}' } });
    for (const ns of ['shop', 'payments']) {
      const role = find(objects, 'Role', 'rel-shipmate-helm', ns);
      expect(rulesOf(role)).toEqual([
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['services', 'serviceaccounts', 'configmaps'], verbs: ['get', 'create', 'patch', 'delete'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'create', 'patch', 'delete'] },
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'create', 'patch', 'delete'] },
      ]);
      expect(find(objects, 'RoleBinding', 'rel-shipmate-helm', ns)).toMatchObject({
        roleRef: { kind: 'Role', name: 'rel-shipmate-helm' },
        subjects: [{ kind: 'ServiceAccount', name: 'rel-shipmate', namespace: 'shipmate' }],
      });
    }
    expect(all(objects, 'ClusterRole').map((r) => r.metadata.name)).not.toContain('rel-shipmate-helm');
  });

  it('takes the chart kinds from values, and refuses to enable without namespaces', async () => {
    const objects = await render({ set: { ...tokens, ...helmOn, 'rbac.helmReleases.resources[0].apiGroups': '{batch}', 'rbac.helmReleases.resources[0].resources': '{cronjobs}' } });
    expect(rulesOf(find(objects, 'Role', 'rel-shipmate-helm', 'shop')).slice(1)).toEqual([{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'create', 'patch', 'delete'] }]);
    await expect(render({ set: { ...tokens, 'rbac.helmReleases.enabled': 'true' } })).rejects.toThrow(/rbac\.helmReleases\.namespaces/);
  });
});

describe('the real helm 3.17, acting as the bot\'s ServiceAccount under the rendered RBAC (kube-sim)', () => {
  let sim: KubeSim;
  let helm: (...args: string[]) => Promise<string>;
  let chart: string;
  const asBot = ['--kube-as-user', 'system:serviceaccount:shipmate:rel-shipmate', '--kube-as-group', 'system:serviceaccounts'];

  beforeAll(async () => {
    ({ sim, helm, chart } = await simWithHelm(['shop']));
  }, 60_000);

  afterAll(async () => {
    await sim.stop();
  });

  async function applyRbac(set: Record<string, string>): Promise<void> {
    const cluster = sim.cluster('dev');
    for (const o of (await render({ set })).filter((x) => ['Role', 'RoleBinding'].includes(x.kind) && x.metadata.namespace === 'shop')) {
      const existing = cluster.list(o.apiVersion, o.kind, 'shop').find((e) => e.metadata.name === o.metadata.name);
      if (!existing) await cluster.create(o as unknown as KubeObject);
    }
  }

  it('with the default values helm rollback is forbidden to write the release record', async () => {
    await helm('install', 'narrow', chart, '-n', 'shop', '--set', 'image.tag=1.25.0');
    await helm('upgrade', 'narrow', chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
    await applyRbac(namespaced);
    await expect(helm('rollback', 'narrow', '1', '-n', 'shop', ...asBot)).rejects.toThrow(/secrets is forbidden: User "system:serviceaccount:shipmate:rel-shipmate" cannot (create|update) resource "secrets"/);
  });

  it('with rbac.helmReleases on, helm rollback and helm upgrade --reuse-values succeed', async () => {
    await helm('install', 'wide', chart, '-n', 'shop', '--set', 'image.tag=1.25.0');
    await helm('upgrade', 'wide', chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
    await applyRbac({ ...namespaced, ...helmOn });
    await helm('rollback', 'wide', '1', '-n', 'shop', ...asBot);
    await helm('upgrade', 'wide', chart, '-n', 'shop', '--reuse-values', '--set-string', 'image.tag=1.25.2', ...asBot);
    const history = JSON.parse(await helm('history', 'wide', '-n', 'shop', '-o', 'json')) as { revision: number; status: string; description: string }[];
    expect(history.map((r) => [r.revision, r.status, r.description])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'superseded', 'Upgrade complete'],
      [3, 'superseded', 'Rollback to 1'],
      [4, 'deployed', 'Upgrade complete'],
    ]);
  });
});
