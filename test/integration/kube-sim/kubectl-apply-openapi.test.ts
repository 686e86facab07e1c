import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubectlPath } from '../../../scripts/tools.js';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { runTool } from './cli-env.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must, namespace } from './kubectl.js';

let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;
let dir: string;

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  dir = await mkdtemp(join(tmpdir(), 'kube-sim-apply-'));
  await sim.cluster('dev').create(namespace('shop'));
});

afterAll(async () => {
  await sim.stop();
});

interface Deployment {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { image: string; env?: { name: string; value: string }[] }[] } } };
}

function apiDeployment(labels: Record<string, string>, env: Record<string, string>, extraSpec: Record<string, unknown> = {}): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop', labels },
    spec: {
      replicas: 2,
      ...extraSpec,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.25', env: Object.entries(env).map(([name, value]) => ({ name, value })) }] },
      },
    },
  };
}

async function file(name: string, obj: object): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, stringify(obj));
  return path;
}

function live(name = 'api'): Deployment {
  return sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', name) as unknown as Deployment;
}

describe('kubectl apply with validation, 3-way merge, replace and edit', () => {
  it('apply -f validates and creates; a second apply drops removed fields and keeps fields set by others', async () => {
    expect(await must(k('apply', '-f', await file('v1.yaml', apiDeployment({ team: 'a', tier: 'web' }, { A: '1', B: '2' }))))).toContain('deployment.apps/api created');
    const validationRequests = sim.cluster('dev').requests.filter((r) => r.path === '/apis/apps/v1/namespaces/shop/deployments' && r.method === 'POST');
    expect(validationRequests.at(-1)?.query.fieldValidation).toBe('Strict');
    await must(k('-n', 'shop', 'label', 'deployment', 'api', 'owner=ops'));
    const out = await k('apply', '-f', await file('v2.yaml', apiDeployment({ team: 'a' }, { A: '1' })));
    expect(out.code).toBe(0);
    // No fallback warning: the strategic merge patch came from the served OpenAPI v3 schemas.
    expect(out.stderr).toBe('');
    const d = live();
    expect(d.metadata.labels).toEqual({ team: 'a', owner: 'ops' });
    expect(d.spec.template.spec.containers[0]?.env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('--validate=strict rejects an unknown field as the apiserver does, on create and on patch', async () => {
    const bad = await file('bad.yaml', { ...apiDeployment({}, {}), metadata: { name: 'typo', namespace: 'shop' }, spec: { ...(apiDeployment({}, {}) as { spec: object }).spec, replicaz: 3 } });
    const created = await k('apply', '--validate=strict', '-f', bad);
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"');
    expect(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'typo')).toBeUndefined();
    const patched = await k('apply', '-f', await file('v3.yaml', apiDeployment({ team: 'a' }, { A: '1' }, { strategy: { type: 'Recreate', rollingUpdat: {} } })));
    expect(patched.stderr).toContain('strict decoding error: unknown field "spec.strategy.rollingUpdat"');
    expect(live().spec).not.toHaveProperty('strategy.rollingUpdat');
    const warned = await k('apply', '--validate=warn', '-f', bad);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('unknown field "spec.replicaz"');
    // Under Warn and Ignore the apiserver's decoder drops unknown fields; they are never stored.
    expect(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'typo')?.spec).not.toHaveProperty('replicaz');
    const ignored = await k('apply', '--validate=false', '-f', await file('v4.yaml', apiDeployment({ team: 'a' }, { A: '1' }, { strategy: { type: 'Recreate', rollingUpdat: {} } })));
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toBe('');
    expect(live().spec).toMatchObject({ strategy: { type: 'Recreate' } });
    expect(live().spec).not.toHaveProperty('strategy.rollingUpdat');
  });

  it('replace swaps the object and edit goes through KUBE_EDITOR', async () => {
    const replaced = apiDeployment({ team: 'b' }, { A: '1' }) as { spec: { template: { spec: { containers: { image: string }[] } } } };
    const container = replaced.spec.template.spec.containers[0];
    if (container) container.image = 'nginx:1.27';
    await must(k('replace', '-f', await file('replace.yaml', replaced)));
    expect(live().metadata.labels).toEqual({ team: 'b' });
    expect(live().spec.template.spec.containers[0]?.image).toBe('nginx:1.27');
    const editor = join(dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/replicas: 2/replicas: 4/" "$1"\n');
    await chmod(editor, 0o755);
    const edit = await runTool(kubectlPath, ['--kubeconfig', sim.kubeconfigPath, '--cache-dir', join(dir, 'cache'), '-n', 'shop', 'edit', 'deployment', 'api'], { KUBE_EDITOR: editor });
    expect(edit.stdout).toContain('deployment.apps/api edited');
    expect(live().spec.replicas).toBe(4);
  });
});

describe('OpenAPI documents', () => {
  it('explain prints the real field documentation', async () => {
    const out = await must(k('explain', 'deployment.spec.strategy'));
    expect(out).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(out).toContain('The deployment strategy to use to replace existing pods with new ones.');
    expect(out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    expect(out).toContain('Rolling update config params. Present only if DeploymentStrategyType =');
  });

  it('a registered CRD gets a document from its schema: explain works and strict validation rejects unknown fields', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [{
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', description: 'What the widget should be.', properties: { size: { type: 'integer', description: 'How big the widget is, in cm.' } } } } } },
        }],
      },
    };
    await must(k('apply', '-f', await file('crd.yaml', crd)));
    const index = (await (await fetch(`${sim.url('dev')}/openapi/v3`)).json()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(index.paths['apis/example.com/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/example\.com\/v1\?hash=[0-9A-F]{128}$/);
    expect(await must(k('explain', 'widget.spec.size'))).toContain('How big the widget is, in cm.');
    const ok = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec: { size: 3 } };
    await must(k('apply', '-f', await file('w.yaml', ok)));
    const bad = await k('apply', '-f', await file('w-bad.yaml', { ...ok, spec: { size: 3, colour: 'red' } }));
    expect(bad.stderr).toContain('strict decoding error: unknown field "spec.colour"');
  });

  it('a kind: List file is validated on the client from the protobuf OpenAPI v2 document', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'listed', namespace: 'shop' }, data: { a: '1' } }] };
    await must(k('apply', '-f', await file('list.yaml', list)));
    expect(sim.cluster('dev').get('v1', 'ConfigMap', 'shop', 'listed')).toMatchObject({ data: { a: '1' } });
    const badList = { ...list, items: [{ ...list.items[0], metadata: { name: 'listed2', namespace: 'shop' }, dta: { a: '1' } }] };
    const bad = await k('apply', '-f', await file('bad-list.yaml', badList));
    expect(bad.stderr).toContain('unknown field "dta" in io.k8s.api.core.v1.ConfigMap');
    expect(await must(k('explain', 'deployment.spec.strategy', '--output', 'plaintext-openapiv2'))).toContain('Rolling update config params.');
  });

  it('serves v2 and hashed v3 documents, cached and immutable, redirecting a stale hash', async () => {
    const base = sim.url('dev');
    const v2 = (await (await fetch(`${base}/openapi/v2`, { headers: { Accept: 'application/json' } })).json()) as { swagger: string; definitions: Record<string, { 'x-kubernetes-group-version-kind'?: unknown }> };
    expect(v2.swagger).toBe('2.0');
    expect(v2.definitions['io.k8s.api.apps.v1.Deployment']?.['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const index = (await (await fetch(`${base}/openapi/v3`)).json()) as { paths: Record<string, { serverRelativeURL: string }> };
    const url = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    const first = await fetch(`${base}${url}`);
    expect(first.headers.get('cache-control')).toBe('public, immutable');
    const doc = (await first.json()) as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.components.schemas['io.k8s.api.apps.v1.DeploymentStrategy']).toBeDefined();
    const stale = await fetch(`${base}/openapi/v3/apis/apps/v1?hash=ABC`, { redirect: 'manual' });
    expect(stale.status).toBe(301);
    expect(stale.headers.get('location')).toBe(url);
  });
});
