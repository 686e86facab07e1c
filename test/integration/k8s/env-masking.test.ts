import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { clientNodeKubeconfig, context, deploymentManifest, harness, kubectl, type Harness } from './support.js';

/**
 * Issue 9 items 3 and 4: literal env values reach neither an approval card's diff nor a debug
 * capture unless `debug.showEnv` names them; a short fingerprint keeps them comparable.
 */
let sim: KubeSim;
let dev: SimCluster;
let kubeconfig: string;
let masked: Harness;
let allowing: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  dev = sim.cluster('dev');
  kubeconfig = await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig);
  masked = harness(kubeconfig, ['dev']);
  allowing = harness(kubeconfig, ['dev'], 5_000, { showEnv: ['LOG_LEVEL', 'DB_PASSWORD'] });
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const manifest = deploymentManifest('shop', 'api', 'reg/api:v1', { replicas: 1 }) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
  const container = manifest.spec.template.spec.containers[0] ?? {};
  container['env'] = Object.entries(LITERALS).map(([name, value]) => ({ name, value }));
  await dev.create(manifest);
  await dev.settle();
  await kubectl(sim.kubeconfigPath, 'dev', ['-n', 'shop', 'set', 'image', 'deployment/api', 'app=reg/api:v2']);
  await dev.settle();
});
afterAll(async () => {
  await sim?.stop();
});

const LITERALS = { DB_PASSWORD: 'hunter2-literal', API_TOKEN: 'tok-literal-123', GITHUB_PAT: 'ghp_literal456', LOG_LEVEL: 'debug-level', COPY_OF_PAT: 'ghp_literal456' };
const api: WorkloadRef = { kind: 'Deployment', name: 'api' };
const FINGERPRINT = /‹masked sha256:[0-9a-f]{6}›/;

function fingerprintOf(text: string, name: string): string | undefined {
  return new RegExp(`name: ${name}\\n\\s+value: (‹masked sha256:[0-9a-f]{6}›)`).exec(text)?.[1];
}

describe('the rollback plan shown on the approval card', () => {
  it('shows the image change but no literal env value, not even as unchanged context', async () => {
    const ctx = context({ command: 'rollback', app: 'api', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: api });
    const plan = await masked.ops.get('rollback')!.plan(ctx);
    expect(plan.diff).toMatch(/^-\s+image: reg\/api:v2$/m);
    expect(plan.diff).toMatch(/^\+\s+image: reg\/api:v1$/m);
    for (const value of Object.values(LITERALS)) expect(plan.diff).not.toContain(value);
    expect(plan.diff).toMatch(FINGERPRINT);
  });

  it('shows a value the allowlist names, but never one whose name looks like a credential', async () => {
    const ctx = context({ command: 'rollback', app: 'api', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: api });
    const plan = await allowing.ops.get('rollback')!.plan(ctx);
    expect(plan.diff).toContain('value: debug-level');
    expect(plan.diff).not.toContain('hunter2-literal');
  });
});

describe('debug captures', () => {
  it('mask every literal value by default, GITHUB_PAT included, with equal values sharing a fingerprint', async () => {
    const ctx = context({ command: 'debug', target: 'api', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: api });
    const op = masked.ops.get('debug')!;
    const result = await op.execute(ctx, await op.plan(ctx));
    const everything = JSON.stringify(result);
    for (const value of Object.values(LITERALS)) expect(everything).not.toContain(value);
    const bundle = result.files[0]?.content ?? '';
    const pat = fingerprintOf(bundle, 'GITHUB_PAT');
    expect(pat).toMatch(FINGERPRINT);
    expect(fingerprintOf(bundle, 'COPY_OF_PAT')).toBe(pat);
    expect(fingerprintOf(bundle, 'API_TOKEN')).not.toBe(pat);
  });

  it('show the values `debug.showEnv` names', async () => {
    const ctx = context({ command: 'debug', target: 'api', env: 'test' }, { cluster: 'dev', namespace: 'shop', workload: api });
    const op = allowing.ops.get('debug')!;
    const bundle = (await op.execute(ctx, await op.plan(ctx))).files[0]?.content ?? '';
    expect(bundle).toContain('value: debug-level');
    expect(bundle).not.toContain('ghp_literal456');
  });
});
