import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { clientNodeKubeconfig, context, deploymentManifest, harness, type Harness } from './support.js';

/**
 * Issue 9 item 13: a cluster that stops answering mid-job is reported as such, not as a rollout
 * that "did not finish within N s".
 */
let sim: KubeSim;
let dev: SimCluster;
let h: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  dev = sim.cluster('dev');
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['dev'], 300);
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  await dev.create(deploymentManifest('shop', 'api', 'reg/api:v1'));
  await dev.settle();
});
afterAll(async () => {
  await sim?.stop();
});

const api: WorkloadRef = { kind: 'Deployment', name: 'api' };

describe('an API server that stops answering while a rollout is watched', () => {
  it('fails the job with "the API server stopped answering", not a rollout timeout', async () => {
    const ctx = context({ command: 'scale', app: 'api', env: 'test', replicas: 4 }, { cluster: 'dev', namespace: 'shop', workload: api }, { limits: { rolloutTimeoutMs: 500 } });
    const op = h.ops.get('scale')!;
    const plan = await op.plan(ctx);
    const progress = ctx.progress;
    // The change is applied; from the moment the watch starts, every read hangs.
    ctx.progress = async (e) => {
      if (e.kind === 'step' && e.text.includes('waiting for the replicas')) dev.faults.add({ method: 'GET', path: /deployments/, status: 200, hang: true });
      await progress(e);
    };
    try {
      const result = await op.execute(ctx, plan);
      expect(result.outcome).toBe('failed');
      expect(result.summary).toMatch(/^deployment\/api scaled .*, but the API server stopped answering \(/);
      expect(result.summary).not.toMatch(/did not finish within/);
      expect(result.facts).toMatchObject({ rollout: 'unreachable' });
    } finally {
      dev.faults.clear();
    }
  });
});
