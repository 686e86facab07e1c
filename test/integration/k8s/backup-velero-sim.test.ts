import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { clientNodeKubeconfig, context, harness, type Harness } from './support.js';

/**
 * `/k8s backup` end to end against the demo world with kube-sim's Velero controller running (no
 * test playing Velero): the operation sees the backup through InProgress to Completed.
 */
let sim: KubeSim;
let h: Harness;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['prod'], seed: 'demo' });
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['prod']);
  await sim.cluster('prod').settle();
});
afterAll(async () => {
  await sim?.stop();
});

describe('backup against the simulated Velero', () => {
  it('completes, reporting the item counts Velero wrote', async () => {
    const base = context({ command: 'backup', env: 'prod', namespaces: ['shop'] }, { cluster: 'prod', namespace: 'shop' });
    const ctx = { ...base, requestId: 'R-SIMVELERO', scope: { ...base.scope, env: 'prod' } };
    const op = h.ops.get('backup');
    if (!op) throw new Error('no backup operation');
    const result = await op.execute(ctx, await op.plan(ctx));
    expect(result.outcome).toBe('succeeded');
    expect(result.facts).toMatchObject({ phase: 'Completed', errors: 0, warnings: 0 });
    const backups = sim.cluster('prod').list('velero.io/v1', 'Backup', 'velero');
    const made = backups.find((b) => b.metadata.labels?.['shipmate.io/request-id'] === 'R-SIMVELERO');
    const progress = (made?.status as { progress: { itemsBackedUp: number; totalItems: number } }).progress;
    expect(progress.totalItems).toBeGreaterThan(0);
    expect(progress.itemsBackedUp).toBe(progress.totalItems);
    expect(result.summary).toBe(`backup ${made?.metadata.name ?? ''} completed`);
  });
});
