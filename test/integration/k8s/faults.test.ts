import { createServer } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import { ConflictError, ForbiddenError, ShipmateError, TimeoutError, UnavailableError } from '../../../src/core/errors.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { clientNodeKubeconfig, context, deploymentManifest, harness, silentLogger, type Harness } from './support.js';

let sim: KubeSim;
let dev: SimCluster;
let kubeconfig: string;
let h: Harness;
const api: WorkloadRef = { kind: 'Deployment', name: 'api' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev', 'hung'] });
  dev = sim.cluster('dev');
  // A third context points at a port nobody listens on.
  const path = await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig);
  const withInsecure = parse(await readFile(path, 'utf8')) as { clusters: object[]; contexts: object[] };
  withInsecure.clusters.push({ name: 'dead', cluster: { server: `http://127.0.0.1:${await closedPort()}`, 'insecure-skip-tls-verify': true } });
  withInsecure.contexts.push({ name: 'dead', context: { cluster: 'dead', user: 'dev-admin' } });
  kubeconfig = `${path}.faults`;
  await writeFile(kubeconfig, stringify(withInsecure), { mode: 0o600 });
  h = harness(kubeconfig, ['dev', 'hung', 'dead'], 400);
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  await dev.create(deploymentManifest('shop', 'api', 'reg/api:v1'));
  await dev.settle();
});
afterAll(async () => {
  await sim?.stop();
});

const ctxFor = (command: 'scale' | 'restart' | 'status' | 'rollback', cluster = 'dev') => {
  const invocation =
    command === 'scale' ? { command, app: 'api', env: 'test', replicas: 3 } : { command, app: 'api', env: 'test' };
  return context(invocation as never, { cluster, namespace: 'shop', workload: api });
};

describe('write conflicts', () => {
  it('409 on a write → bounded retry, then success', async () => {
    dev.faults.clear();
    dev.resetRequests();
    dev.faults.add({ method: 'PATCH', path: /deployments\/api\/scale/, status: 409, times: 2 });
    const op = h.ops.get('scale');
    const ctx = ctxFor('scale');
    const result = await op!.execute(ctx, await op!.plan(ctx));
    expect(result.outcome).toBe('succeeded');
    const patches = dev.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/scale') && !String(r.query).includes('dryRun'));
    expect(patches.map((r) => r.status)).toEqual([409, 409, 200]);
  });

  it('409 forever → gives up after the bounded attempts', async () => {
    dev.faults.clear();
    dev.faults.add({ method: 'PATCH', path: /deployments\/api\/scale/, status: 409 });
    const op = h.ops.get('scale');
    const ctx = context({ command: 'scale', app: 'api', env: 'test', replicas: 4 }, { cluster: 'dev', namespace: 'shop', workload: api });
    const err = await op!.execute(ctx, await op!.plan(ctx)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ShipmateError).userMessage).toMatch(/409 Conflict.*gave up after 4 attempts/);
    dev.faults.clear();
  });
});

describe('refusals and outages', () => {
  it('403 → a message naming the verb and resource', async () => {
    dev.faults.clear();
    dev.faults.add({ method: 'PATCH', path: /deployments\/api$/, status: 403 });
    const err = await h.ops.get('restart')!.execute(ctxFor('restart'), {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ShipmateError).userMessage).toBe('Kubernetes refused: cannot patch deployments in namespace shop (403 Forbidden)');
    dev.faults.clear();
  });

  it('5xx → backoff, then a clear failure', async () => {
    dev.faults.clear();
    dev.resetRequests();
    dev.faults.add({ method: 'GET', path: /deployments\/api$/, status: 503 });
    const err = await h.ops.get('rollback')!.plan(ctxFor('rollback')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as ShipmateError).userMessage).toBe('Kubernetes API error 503 while trying to get deployments "api" in namespace shop; gave up after 4 attempts');
    expect(dev.requests.filter((r) => r.path.endsWith('/deployments/api')).length).toBe(4);
    dev.faults.clear();
  });

  it('a hanging API → per-request timeout, retried, then a clear failure', async () => {
    dev.faults.clear();
    dev.faults.add({ method: 'GET', path: /deployments\/api$/, status: 200, hang: true });
    const err = await h.ops.get('rollback')!.plan(ctxFor('rollback')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as ShipmateError).userMessage).toMatch(/did not answer within .*get deployments.*gave up after 4 attempts/);
    dev.faults.clear();
  });

  it('an unreachable or hanging cluster never blocks another', async () => {
    sim.cluster('hung').faults.add({ path: /./, status: 200, hang: true });
    const order: string[] = [];
    const track = (name: string, p: Promise<unknown>) => p.then(() => order.push(`${name}:ok`), (e: unknown) => order.push(`${name}:${e instanceof ShipmateError ? e.code : 'error'}`));
    const hung = track('hung', h.ops.get('status')!.execute(ctxFor('status', 'hung'), {} as never));
    const dead = track('dead', h.ops.get('status')!.execute(ctxFor('status', 'dead'), {} as never));
    const healthy = track('dev', h.ops.get('status')!.execute(ctxFor('status', 'dev'), {} as never));
    await Promise.all([hung, dead, healthy]);
    expect(order).toContain('dev:ok');
    expect(order).toContain('dead:unavailable');
    expect(order).toContain('hung:timeout');
    expect(order.indexOf('dev:ok')).toBeLessThan(order.indexOf('hung:timeout'));
    sim.cluster('hung').faults.clear();
  });

  it('an unknown context is a clear configuration error, never a localhost fallback', () => {
    const registry = createClusterRegistry({ clusters: { prod: { context: 'nope' } }, kubeconfigPath: kubeconfig, logger: silentLogger });
    expect(() => registry.clients('prod')).toThrow(/cluster "prod": kubeconfig has no context "nope" \(known: dev, hung, dead\)/);
    expect(() => registry.clients('other')).toThrow('unknown cluster "other"; known: prod');
  });

  it('counts API calls by verb and status code', () => {
    expect(h.calls.some((c) => c.cluster === 'dev' && c.verb === 'patch' && c.resource === 'deployments/scale' && c.code === 409)).toBe(true);
    expect(h.calls.some((c) => c.cluster === 'dead' && c.code === 0)).toBe(true);
  });
});
