import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { deployment, kubectlFor, must, namespace } from './kubectl.js';

/**
 * `dryRun=All` on server-side apply, create and update (what `/k8s diff` for Flux and
 * `kubectl apply --server-side --dry-run=server` send): the would-be object comes back, nothing is
 * stored, the resourceVersion does not move and no watch event is sent.
 */
let sim: KubeSim;
let base: string;
let k: (...args: string[]) => Promise<KubectlResult>;

type Obj = { metadata: { name: string; resourceVersion?: string; uid?: string; managedFields?: { manager: string; operation: string }[] }; spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } }; data?: Record<string, string> };

async function call(method: string, path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; json: Obj }> {
  const res = await fetch(`${base}${path}`, { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });
  return { status: res.status, json: (await res.json()) as Obj };
}

/** The first watch event after `rv` for one collection (the stream is opened after the writes, so history answers). */
async function firstEventAfter(path: string, rv: string): Promise<{ type: string; object: Obj }> {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}?watch=1&resourceVersion=${rv}`, { signal: abort.signal });
  const reader = res.body!.getReader();
  let text = '';
  try {
    while (!text.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } finally {
    abort.abort();
  }
  return JSON.parse(text.split('\n')[0] ?? '{}') as { type: string; object: Obj };
}

const stored = (name: string): Obj | undefined => sim.cluster('dev').get('apps/v1', 'Deployment', 'dry', name) as Obj | undefined;

beforeAll(async () => {
  sim = await startKubeSim();
  base = sim.url('dev');
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('dry'));
  await sim.cluster('dev').create(deployment('web', 'dry', 'nginx:1.25', 2));
});

afterAll(async () => {
  await sim.stop();
});

describe('dryRun=All on writes', () => {
  it('server-side apply of an existing object: the merged object comes back; nothing stored, no rv bump, no event', async () => {
    // The controllers write the Deployment's status at first: compare once they are done.
    await sim.cluster('dev').settle();
    const before = stored('web')!;
    const url = '/apis/apps/v1/namespaces/dry/deployments/web?fieldManager=kustomize-controller&force=true&dryRun=All';
    const applied = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } };
    const res = await call('PATCH', url, applied, 'application/apply-patch+yaml');
    expect(res.status).toBe(200);
    expect(res.json.spec?.replicas).toBe(5);
    expect(res.json.spec?.template?.spec?.containers?.[0]?.image).toBe('nginx:1.27');
    // The would-be object carries the live identity and the apply's managedFields entry.
    expect(res.json.metadata.uid).toBe(before.metadata.uid);
    expect(res.json.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(res.json.metadata.managedFields?.some((e) => e.manager === 'kustomize-controller' && e.operation === 'Apply')).toBe(true);

    const after = stored('web')!;
    expect(after).toEqual(before);

    // A real write after the dry runs: the watch from the old rv sees that write first, nothing before it.
    await call('PATCH', '/apis/apps/v1/namespaces/dry/deployments/web', { metadata: { labels: { real: 'yes' } } }, 'application/merge-patch+json');
    const event = await firstEventAfter('/apis/apps/v1/namespaces/dry/deployments', before.metadata.resourceVersion ?? '0');
    expect(event.type).toBe('MODIFIED');
    expect((event.object.metadata as { labels?: Record<string, string> }).labels?.['real']).toBe('yes');
  });

  it('server-side apply, POST and PUT of objects: the would-be object, no resourceVersion for a create, no event', async () => {
    await sim.cluster('dev').settle();
    const rv = stored('web')!.metadata.resourceVersion ?? '0';
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'dry' } };
    const ssa = await call('PATCH', '/api/v1/namespaces/dry/configmaps/settings?fieldManager=kustomize-controller&force=true&dryRun=All', cm, 'application/apply-patch+yaml');
    expect(ssa.status).toBe(201);
    expect(ssa.json.data).toEqual({ mode: 'dry' });
    expect(ssa.json.metadata.resourceVersion ?? '').toBe('');
    const post = await call('POST', '/api/v1/namespaces/dry/configmaps?dryRun=All', cm);
    expect(post.status).toBe(201);
    expect(post.json.metadata.resourceVersion ?? '').toBe('');
    expect(sim.cluster('dev').get('v1', 'ConfigMap', 'dry', 'settings')).toBeUndefined();

    const live = stored('web')!;
    const put = await call('PUT', '/apis/apps/v1/namespaces/dry/deployments/web?dryRun=All', { ...live, spec: { ...live.spec, replicas: 9 } });
    expect(put.status).toBe(200);
    expect(put.json.spec?.replicas).toBe(9);
    expect(stored('web')!.spec?.replicas).toBe(live.spec?.replicas);
    expect(stored('web')!.metadata.resourceVersion).toBe(rv);

    await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'marker', namespace: 'dry' } });
    const event = await firstEventAfter('/api/v1/namespaces/dry/configmaps', rv);
    expect(event).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'marker' } } });
  });

  it('the real kubectl: apply --server-side --dry-run=server reports the dry run and leaves the object alone', async () => {
    await sim.cluster('dev').settle();
    const before = stored('web')!;
    const file = await manifest(deployment('web', 'dry', 'nginx:1.28', 4));
    expect(await must(k('apply', '--server-side', '--force-conflicts', '--dry-run=server', '-f', file))).toBe('deployment.apps/web serverside-applied (server dry run)\n');
    const out = JSON.parse(await must(k('apply', '--server-side', '--force-conflicts', '--dry-run=server', '-f', file, '-o', 'json'))) as Obj;
    expect(out.spec?.replicas).toBe(4);
    expect(out.spec?.template?.spec?.containers?.[0]?.image).toBe('nginx:1.28');
    expect(stored('web')).toEqual(before);
    const fresh = await manifest(deployment('fresh', 'dry', 'nginx:1.28', 1));
    expect(await must(k('apply', '--server-side', '--dry-run=server', '-f', fresh))).toBe('deployment.apps/fresh serverside-applied (server dry run)\n');
    expect(stored('fresh')).toBeUndefined();
  });
});
