import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { createClusterReachability, createClusterRegistry } from '../../../src/k8s/index.js';

describe('cluster reachability: a short-TTL state kept by background probes', () => {
  let kube: KubeSim;
  let stopped = false;
  beforeAll(async () => {
    kube = await startKubeSim({ clusters: ['prod'], seed: 'none' });
  });
  afterAll(async () => {
    if (!stopped) await kube?.stop();
  });

  it('reports reachable, then unreachable with the errno once the API server is gone, then unknown when stale', async () => {
    let clock = Date.parse('2026-11-30T10:00:00Z');
    const registry = createClusterRegistry({ clusters: { prod: { context: 'prod' } }, kubeconfigPath: kube.kubeconfigPath, logger: createLogger({ level: 'silent' }) });
    const reach = createClusterReachability({ registry, logger: createLogger({ level: 'silent' }), intervalMs: 1000, ttlMs: 3000, now: () => clock });
    expect(reach.of('prod')).toEqual({ state: 'unknown' });

    await reach.refresh();
    expect(reach.of('prod')).toEqual({ state: 'reachable' });
    expect(reach.snapshot()).toEqual({ prod: 'reachable' });

    await kube.stop();
    stopped = true;
    await reach.refresh();
    expect(reach.of('prod')).toEqual({ state: 'unreachable', reason: 'ECONNREFUSED', since: '2026-11-30T10:00:00.000Z' });

    clock += 2000;
    await reach.refresh();
    // Still down: `since` keeps the first failure.
    expect(reach.snapshot()).toEqual({ prod: 'unreachable: ECONNREFUSED (since 2026-11-30T10:00:00.000Z)' });

    clock += 3001;
    expect(reach.of('prod')).toEqual({ state: 'unknown' });
  });
});
