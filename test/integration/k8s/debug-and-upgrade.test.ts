import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { clientNodeKubeconfig, context, deploymentManifest, harness, type Harness } from './support.js';

let sim: KubeSim;
let dev: SimCluster;
let h: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  dev = sim.cluster('dev');
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['dev']);
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});
afterAll(async () => {
  await sim?.stop();
});

const SECRET_VALUE = 'supersecret-from-the-secret';
const LITERALS = { DB_PASSWORD: 'hunter2-literal', API_TOKEN: 'tok-literal-123', STRIPE_KEY: 'sk_live_literal', SESSION_SECRET: 'sess-literal' };

describe('debug capture', () => {
  it('never contains Secret data or referenced values, and masks credential-looking env values', async () => {
    await dev.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-creds', namespace: 'shop' },
      data: { password: Buffer.from(SECRET_VALUE).toString('base64') },
    });
    const manifest = deploymentManifest('shop', 'payments', 'reg/payments:crash-1', { replicas: 1 }) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = manifest.spec.template.spec.containers[0] ?? {};
    container['env'] = [
      { name: 'LOG_LEVEL', value: 'debug' },
      ...Object.entries(LITERALS).map(([name, value]) => ({ name, value })),
      { name: 'DB_PASS_FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } },
      { name: 'FEATURE_FLAGS', valueFrom: { configMapKeyRef: { name: 'flags', key: 'all' } } },
    ];
    container['envFrom'] = [{ secretRef: { name: 'db-creds' } }];
    container['args'] = ['--db-password=hunter2-arg'];
    await dev.create(manifest);
    await dev.settle();
    dev.resetRequests();
    const op = h.ops.get('debug');
    const ctx = context({ command: 'debug', target: 'payments', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: 'payments' } });
    const result = await op!.execute(ctx, await op!.plan(ctx));
    const everything = JSON.stringify(result);
    for (const leaked of [SECRET_VALUE, Buffer.from(SECRET_VALUE).toString('base64'), ...Object.values(LITERALS), 'hunter2-arg']) {
      expect(everything).not.toContain(leaked);
    }
    expect(everything).toContain('LOG_LEVEL');
    expect(everything).toContain('***REDACTED***');
    expect(dev.requests.filter((r) => r.path.includes('/secrets'))).toEqual([]);
    const bundle = result.files[0]?.content ?? '';
    expect(bundle).toContain('#### events');
    expect(bundle).toMatch(/#### logs app \(current\)/);
    expect(bundle).toMatch(/#### logs app \(previous\)/);
    expect(result.sections[0]?.text).toMatch(/payments-/);
  });
});

describe('upgrade to a crash-looping image', () => {
  it('ends rolled back, reporting both steps, the failing pods\' previous logs and the restored image', async () => {
    await dev.create(deploymentManifest('shop', 'api', 'reg/api:v1', { replicas: 2 }));
    await dev.settle();
    const workload: WorkloadRef = { kind: 'Deployment', name: 'api' };
    const op = h.ops.get('upgrade');
    const ctx = context({ command: 'upgrade', app: 'api', env: 'test', image: 'v2-crash' }, { cluster: 'dev', namespace: 'shop', workload });
    const plan = await op!.plan(ctx);
    expect(plan.facts).toMatchObject({ fromImage: 'reg/api:v1', toImage: 'reg/api:v2-crash' });
    const result = await op!.execute(ctx, plan);
    expect(result.outcome).toBe('failed');
    expect(result.summary).toMatch(/upgrade to reg\/api:v2-crash failed .*rolled back to revision 1 \(reg\/api:v1\)/);
    expect(result.sections.map((s) => s.title)).toEqual(['1. Upgrade to reg/api:v2-crash', '2. Automatic rollback to revision 1', 'Previous logs of failing pods']);
    expect(result.facts).toMatchObject({ rolledBack: true, restoredImage: 'reg/api:v1' });
    expect(result.files[0]?.content).toMatch(/--- api-.*\(app\): (CrashLoopBackOff|restarted)/);
    expect(ctx.events.filter((e) => e.kind === 'step').map((e) => e.text)).toEqual([
      expect.stringContaining('set to reg/api:v2-crash'),
      expect.stringContaining('failed'),
      expect.stringContaining('rolled back deployment/api to revision 1'),
    ]);
    await dev.settle();
    const live = dev.get('apps/v1', 'Deployment', 'shop', 'api') as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe('reg/api:v1');
  });
});
