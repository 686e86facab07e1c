import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmPath } from '../../../scripts/tools.js';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { runTool } from './cli-env.js';
import type { KubectlResult } from './kubectl.js';

let sim: KubeSim;
let dir: string;

function helmRun(...args: string[]): Promise<KubectlResult> {
  const env = { HELM_CACHE_HOME: join(dir, 'cache'), HELM_CONFIG_HOME: join(dir, 'config'), HELM_DATA_HOME: join(dir, 'data') };
  return runTool(helmPath, ['--kubeconfig', sim.kubeconfigPath, '--kube-context', 'dev', ...args], env);
}

async function helm(...args: string[]): Promise<string> {
  const r = await helmRun(...args);
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function latestRelease(name: string): Release {
  const secrets = releaseSecrets().filter((s) => s.metadata.labels?.name === name);
  const latest = secrets.sort((a, b) => Number(b.metadata.labels?.version) - Number(a.metadata.labels?.version))[0];
  if (!latest) throw new Error(`no release records of ${name}`);
  return decodeRelease(latest);
}

function podStatus(name: string): { phase?: string; containerStatuses?: { state: { terminated?: { exitCode: number } } }[] } | undefined {
  return sim.cluster('dev').get('v1', 'Pod', 'shop', name)?.status as ReturnType<typeof podStatus>;
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
  hooks?: { name: string; events: string[]; last_run: { phase: string } }[];
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

    // helm test runs the chart's test pod (wget to the Service) to completion and records the outcome.
    const tested = await helm('test', 'shop', '-n', 'shop', '--logs', '--timeout', '60s');
    expect(tested).toMatch(/TEST SUITE:\s+shop-demo-test-connection\n.*\n.*\nPhase:\s+Succeeded\n/);
    expect(tested).toMatch(/POD LOGS: shop-demo-test-connection\nConnecting to shop-demo:80 \(10\.96\.\d+\.\d+:80\)\n(?:.*\n){2}'index\.html' saved\n/);
    expect(podStatus('shop-demo-test-connection')).toMatchObject({ phase: 'Succeeded', containerStatuses: [{ state: { terminated: { exitCode: 0 } } }] });
    expect(latestRelease('shop').hooks).toContainEqual(expect.objectContaining({ name: 'shop-demo-test-connection', events: ['test'], last_run: expect.objectContaining({ phase: 'Succeeded' }) }));

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

  it('helm test fails when no ready pod backs the Service the test pod calls', async () => {
    const chart = join(dir, 'demo');
    await helm('install', 'idle', chart, '-n', 'shop', '--set', 'replicaCount=0', '--wait', '--timeout', '60s');
    const failed = await helmRun('test', 'idle', '-n', 'shop', '--logs', '--timeout', '60s');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('pod idle-demo-test-connection failed');
    expect(failed.stdout).toMatch(/Phase:\s+Failed\n/);
    expect(failed.stdout).toMatch(/POD LOGS: idle-demo-test-connection\nConnecting to idle-demo:80 \(10\.96\.\d+\.\d+:80\)\nwget: can't connect to remote host \(10\.96\.\d+\.\d+\): Connection refused\n/);
    expect(podStatus('idle-demo-test-connection')).toMatchObject({ phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 1 } } }] });
    expect(latestRelease('idle').hooks).toContainEqual(expect.objectContaining({ name: 'idle-demo-test-connection', last_run: expect.objectContaining({ phase: 'Failed' }) }));

    await helm('upgrade', 'idle', chart, '-n', 'shop', '--set', 'replicaCount=1', '--wait', '--timeout', '60s');
    expect(await helm('test', 'idle', '-n', 'shop')).toMatch(/Phase:\s+Succeeded/);
    await helm('uninstall', 'idle', '-n', 'shop', '--wait');
  });
});
