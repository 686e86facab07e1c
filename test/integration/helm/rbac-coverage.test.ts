import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { all, chartDir, find, fullValues, render, type K8sObject } from './render.js';

interface ApiCall {
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
  scope: 'namespaced' | 'cluster' | 'velero-namespace';
  toggle?: string;
}
interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const rulesOf = (role: K8sObject) => (role['rules'] as PolicyRule[] | undefined) ?? [];
const resourceOf = (c: Pick<ApiCall, 'resource' | 'subresource'>) => (c.subresource ? `${c.resource}/${c.subresource}` : c.resource);
const show = (c: ApiCall) => `${c.verb} ${c.group || 'core'}/${resourceOf(c)}`;

/** Every (group, resource, verb) a set of rules grants, for exact comparison with the table. */
function grants(rules: PolicyRule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    for (const g of r.apiGroups) for (const res of r.resources) for (const v of r.verbs) out.add(`${v} ${g || 'core'}/${res}`);
  }
  return out;
}

function allows(rules: PolicyRule[], c: ApiCall): boolean {
  return grants(rules).has(show(c));
}

let calls: ApiCall[];
beforeAll(async () => {
  const table = JSON.parse(await readFile(join(chartDir, 'ci', 'required-api-calls.json'), 'utf8')) as { calls: ApiCall[] };
  calls = table.calls;
});

describe('RBAC grants exactly the API calls the operations make', () => {
  const everyGroup = { 'rbac.argo': 'true', 'rbac.flux': 'true', 'rbac.velero': 'true', 'rbac.certManager': 'true', 'rbac.nodes': 'true' };

  it('cluster scope: one ClusterRole allows every call in the table and nothing else', async () => {
    const objects = await render({ set: everyGroup });
    const role = find(objects, 'ClusterRole', 'rel-shipmate');
    const missing = calls.filter((c) => !allows(rulesOf(role), c)).map(show);
    expect(missing).toEqual([]);
    expect([...grants(rulesOf(role))].sort()).toEqual([...new Set(calls.map(show))].sort());
    const binding = find(objects, 'ClusterRoleBinding', 'rel-shipmate');
    expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'rel-shipmate', namespace: 'shipmate' }]);
  });

  it('namespaces scope: each namespace Role, the Velero Role and the small ClusterRole split the table', async () => {
    const objects = await render({ valuesFiles: [fullValues] });
    for (const ns of ['shop', 'shop-dev']) {
      const role = find(objects, 'Role', 'rel-shipmate', ns);
      const expected = calls.filter((c) => c.scope === 'namespaced');
      expect([...grants(rulesOf(role))].sort()).toEqual([...new Set(expected.map(show))].sort());
      expect(find(objects, 'RoleBinding', 'rel-shipmate', ns)['roleRef']).toMatchObject({ kind: 'Role', name: 'rel-shipmate' });
    }
    const velero = find(objects, 'Role', 'rel-shipmate-velero', 'velero');
    expect([...grants(rulesOf(velero))].sort()).toEqual(calls.filter((c) => c.scope === 'velero-namespace').map(show).sort());
    const cluster = find(objects, 'ClusterRole', 'rel-shipmate-cluster');
    expect([...grants(rulesOf(cluster))].sort()).toEqual(calls.filter((c) => c.scope === 'cluster').map(show).sort());
    // No namespaced permission leaks into a cluster-wide role.
    expect(all(objects, 'ClusterRole')).toHaveLength(1);
  });

  it('switching optional groups off removes exactly their rules', async () => {
    const objects = await render({
      set: { 'rbac.argo': 'false', 'rbac.flux': 'false', 'rbac.velero': 'false', 'rbac.certManager': 'false', 'rbac.nodes': 'false' },
    });
    const role = find(objects, 'ClusterRole', 'rel-shipmate');
    const expected = calls.filter((c) => c.toggle === undefined);
    expect([...grants(rulesOf(role))].sort()).toEqual([...new Set(expected.map(show))].sort());
  });

  it('never grants wildcards, non-resource URLs, Secret writes or deletes', async () => {
    for (const objects of [await render({ set: everyGroup }), await render({ valuesFiles: [fullValues] })]) {
      for (const role of [...all(objects, 'ClusterRole'), ...all(objects, 'Role')]) {
        for (const rule of rulesOf(role)) {
          expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*');
          expect(rule.nonResourceURLs).toBeUndefined();
          expect(rule.verbs).not.toContain('delete');
          expect(rule.verbs).not.toContain('deletecollection');
          expect(rule.verbs).not.toContain('escalate');
          expect(rule.verbs).not.toContain('impersonate');
          if (rule.resources.includes('secrets')) expect(rule.verbs.sort()).toEqual(['get', 'list']);
        }
      }
    }
  });
});
