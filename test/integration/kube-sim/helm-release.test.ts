import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmPath } from '../../../scripts/tools.js';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { runTool } from './cli-env.js';

let sim: KubeSim;
let dir: string;

async function helm(...args: string[]): Promise<string> {
  const env = { HELM_CACHE_HOME: join(dir, 'cache'), HELM_CONFIG_HOME: join(dir, 'config'), HELM_DATA_HOME: join(dir, 'data') };
  const r = await runTool(helmPath, ['--kubeconfig', sim.kubeconfigPath, '--kube-context', 'dev', ...args], env);
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

beforeAll(async () => {
  sim = await startKubeSim();
  dir = await mkdtemp(join(tmpdir(), 'kube-sim-helm-'));
  await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});

afterAll(async () => {
  await sim.stop();
});

interface Release {
  name: string;
  version: number;
  namespace: string;
  info: { status: string };
  manifest: string;
  config?: Record<string, unknown>;
}

function releaseSecrets(): KubeObject[] {
  return sim.cluster('dev').list('v1', 'Secret', 'shop').filter((s) => s.metadata.labels?.owner === 'helm');
}

/** data.release as helm writes it: base64 (Secret data) of base64 of gzip of the release JSON. */
function decodeRelease(secret: KubeObject): Release {
  const data = (secret as unknown as { data: { release: string } }).data.release;
  const inner = Buffer.from(data, 'base64').toString('utf8');
  return JSON.parse(gunzipSync(Buffer.from(inner, 'base64')).toString('utf8')) as Release;
}

function statuses(): Record<string, string> {
  return Object.fromEntries(releaseSecrets().map((s) => [s.metadata.labels?.version ?? '', s.metadata.labels?.status ?? '']));
}

function replicas(): number | undefined {
  return (sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'shop-demo')?.spec as { replicas?: number } | undefined)?.replicas;
}

describe('helm 3.17 against kube-sim', () => {
  it('installs, upgrades with --set, rolls back, shows history and uninstalls a chart made by helm create', async () => {
    await helm('create', join(dir, 'demo'));
    const chart = join(dir, 'demo');

    expect(await helm('install', 'shop', chart, '-n', 'shop', '--wait', '--timeout', '60s')).toContain('STATUS: deployed');
    const [first] = releaseSecrets();
    expect(first?.metadata.name).toBe('sh.helm.release.v1.shop.v1');
    expect((first as unknown as { type: string }).type).toBe('helm.sh/release.v1');
    expect(first?.metadata.labels).toMatchObject({ name: 'shop', owner: 'helm', status: 'deployed', version: '1' });
    const release = decodeRelease(first as KubeObject);
    expect(release).toMatchObject({ name: 'shop', version: 1, namespace: 'shop', info: { status: 'deployed' } });
    expect(release.manifest).toContain('kind: Deployment');
    expect(replicas()).toBe(1);
    expect(sim.cluster('dev').get('v1', 'Service', 'shop', 'shop-demo')?.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http', name: 'http' }] });
    expect(sim.cluster('dev').get('v1', 'ServiceAccount', 'shop', 'shop-demo')?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'Helm' });

    await helm('upgrade', 'shop', chart, '-n', 'shop', '--set', 'replicaCount=2', '--wait', '--timeout', '60s');
    expect(statuses()).toEqual({ '1': 'superseded', '2': 'deployed' });
    expect(replicas()).toBe(2);
    expect(decodeRelease(releaseSecrets().find((s) => s.metadata.labels?.version === '2') as KubeObject).config).toEqual({ replicaCount: 2 });

    await helm('rollback', 'shop', '1', '-n', 'shop', '--wait', '--timeout', '60s');
    expect(statuses()).toEqual({ '1': 'superseded', '2': 'superseded', '3': 'deployed' });
    expect(replicas()).toBe(1);

    const history = await helm('history', 'shop', '-n', 'shop');
    expect(history).toMatch(/^1\s+.+\s+superseded\s+demo-0\.1\.0\s+1\.16\.0\s+Install complete/m);
    expect(history).toMatch(/^2\s+.+\s+superseded\s+demo-0\.1\.0\s+1\.16\.0\s+Upgrade complete/m);
    expect(history).toMatch(/^3\s+.+\s+deployed\s+demo-0\.1\.0\s+1\.16\.0\s+Rollback to 1/m);

    expect(await helm('uninstall', 'shop', '-n', 'shop', '--wait')).toContain('release "shop" uninstalled');
    expect(releaseSecrets()).toEqual([]);
    expect(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'shop-demo')).toBeUndefined();
    expect(sim.cluster('dev').get('v1', 'Service', 'shop', 'shop-demo')).toBeUndefined();
    // The release records went over the wire as protobuf, as on a real cluster.
    expect(sim.cluster('dev').requests.some((r) => r.path === '/api/v1/namespaces/shop/secrets' && r.method === 'POST' && (r.contentType ?? '').includes('protobuf'))).toBe(true);
  });
});
