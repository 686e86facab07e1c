import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { deployment, kubectlFor, must, namespace } from './kubectl.js';

/** Server-side apply with the real kubectl: managedFields, conflicts, --force-conflicts. */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  time: string;
}

async function managedFields(kind: string, name: string): Promise<{ replicas: number; entries: Entry[] }> {
  const obj = JSON.parse(await must(k('-n', 'ssa', 'get', kind, name, '-o', 'json', '--show-managed-fields'))) as { spec: { replicas: number }; metadata: { managedFields: Entry[] } };
  return { replicas: obj.spec.replicas, entries: obj.metadata.managedFields };
}

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('ssa'));
});

afterAll(async () => {
  await sim.stop();
});

describe('server-side apply against kube-sim', () => {
  it('apply --server-side creates a missing object and records its Apply entry in FieldsV1', async () => {
    const file = await manifest(deployment('web', 'ssa', 'nginx:1.25', 2));
    expect(await must(k('apply', '--server-side', '-f', file))).toBe('deployment.apps/web serverside-applied\n');
    const { replicas, entries } = await managedFields('deploy', 'web');
    expect(replicas).toBe(2);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const spec = entry?.fieldsV1['f:spec'] as Record<string, Record<string, unknown>>;
    expect(spec['f:replicas']).toEqual({});
    const containers = ((spec['f:template']?.['f:spec'] as Record<string, unknown>)['f:containers']) as Record<string, unknown>;
    expect(containers['k:{"name":"app"}']).toEqual({ '.': {}, 'f:image': {}, 'f:name': {} });
  });

  it('another manager that changed a field makes a re-apply a 409 naming it; --force-conflicts takes it over', async () => {
    const three = await manifest(deployment('web', 'ssa', 'nginx:1.25', 3));
    expect(await must(k('apply', '-f', three))).toBe('deployment.apps/web configured\n');
    let state = await managedFields('deploy', 'web');
    expect(state.replicas).toBe(3);
    expect(state.entries.find((e) => e.manager === 'kubectl-client-side-apply')).toMatchObject({ operation: 'Update', apiVersion: 'apps/v1' });
    expect(JSON.stringify(state.entries.find((e) => e.manager === 'kubectl')?.fieldsV1)).not.toContain('f:replicas');

    const two = await manifest(deployment('web', 'ssa', 'nginx:1.25', 2));
    const refused = await k('apply', '--server-side', '-f', two);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect((await managedFields('deploy', 'web')).replicas).toBe(3);

    expect(await must(k('apply', '--server-side', '--force-conflicts', '-f', two))).toBe('deployment.apps/web serverside-applied\n');
    state = await managedFields('deploy', 'web');
    expect(state.replicas).toBe(2);
    expect(JSON.stringify(state.entries.find((e) => e.manager === 'kubectl')?.fieldsV1)).toContain('"f:replicas":{}');
    expect(JSON.stringify(state.entries.find((e) => e.manager === 'kubectl-client-side-apply')?.fieldsV1 ?? {})).not.toContain('f:replicas');
  });

  it('applying the same value another manager set is shared ownership, not a conflict', async () => {
    await must(k('-n', 'ssa', 'label', 'deploy', 'web', 'tier=front'));
    const labelled = { ...(deployment('web', 'ssa', 'nginx:1.25', 2) as { metadata: object }), metadata: { name: 'web', namespace: 'ssa', labels: { tier: 'front' } } };
    expect(await must(k('apply', '--server-side', '-f', await manifest(labelled)))).toBe('deployment.apps/web serverside-applied\n');
    const { entries } = await managedFields('deploy', 'web');
    const owners = entries.filter((e) => JSON.stringify(e.fieldsV1).includes('"f:tier"')).map((e) => e.manager).sort();
    expect(owners).toEqual(['kubectl', 'kubectl-label']);
  });

  it('a raw apply answers the conflict as a Status with FieldManagerConflict causes, and needs a fieldManager', async () => {
    const url = `${sim.url('dev')}/apis/apps/v1/namespaces/ssa/deployments/web`;
    const body = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 7, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } });
    const headers = { 'Content-Type': 'application/apply-patch+yaml' };
    const conflict = await fetch(`${url}?fieldManager=argocd-controller`, { method: 'PATCH', headers, body });
    expect(conflict.status).toBe(409);
    const status = (await conflict.json()) as { reason: string; message: string; details: { causes: unknown[] } };
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe('Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image');
    expect(status.details.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.template.spec.containers[name="app"].image' },
    ]);
    const anonymous = await fetch(url, { method: 'PATCH', headers, body });
    expect(anonymous.status).toBe(400);
    const forced = await fetch(`${url}?fieldManager=argocd-controller&force=true`, { method: 'PATCH', headers, body });
    expect(forced.status).toBe(200);
    const after = (await forced.json()) as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(after.spec.replicas).toBe(7);
    expect(after.spec.template.spec.containers[0]?.image).toBe('nginx:1.27');
  });

  it('updates record an Update entry for the fieldManager, or for the user agent when none is given', async () => {
    const url = `${sim.url('dev')}/api/v1/namespaces/ssa/configmaps`;
    const created = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'shipmate/1.4.0 (linux)' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } }) });
    expect(created.status).toBe(201);
    const obj = (await created.json()) as { metadata: { managedFields: Entry[] } };
    expect(obj.metadata.managedFields).toEqual([{ manager: 'shipmate', operation: 'Update', apiVersion: 'v1', time: expect.any(String) as unknown, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } }]);
    const patched = await fetch(`${url}/cfg?fieldManager=tuner`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ data: { a: '2', b: '3' } }) });
    const after = (await patched.json()) as { metadata: { managedFields: Entry[] } };
    expect(after.metadata.managedFields.map((e) => [e.manager, e.fieldsV1])).toEqual([['tuner', { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } }]]);
  });
});
