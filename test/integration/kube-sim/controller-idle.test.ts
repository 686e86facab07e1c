import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { SimClusterImpl } from '../../../devkit/kube-sim/cluster.js';
import { deployment, namespace } from './kubectl.js';

let sim: KubeSim;
let dev: SimClusterImpl;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sim = await startKubeSim({ timing: { controllerTickMs: 10, crashBackoffMs: 100 } });
  dev = sim.cluster('dev') as SimClusterImpl;
  await dev.create(namespace('apps'));
});

afterAll(async () => {
  await sim.stop();
});

describe('kube-sim controllers when nothing changes', () => {
  it('a settled cluster skips its ticks instead of re-listing every object', async () => {
    await dev.create(deployment('steady', 'apps', 'nginx:1.25', 3));
    await dev.settle();
    const before = dev.runner.passes;
    await sleep(300); // thirty ticks
    expect(dev.runner.passes - before).toBe(0);
  });

  it('a write wakes it again', async () => {
    const before = dev.runner.passes;
    await dev.create(deployment('second', 'apps', 'nginx:1.25', 1));
    await dev.settle();
    expect(dev.runner.passes).toBeGreaterThan(before);
    expect(dev.list('v1', 'Pod', 'apps').filter((p) => p.metadata.name.startsWith('second-'))).toHaveLength(1);
  });

  it('a crash loop keeps restarting on its back-off though nobody writes to the cluster', async () => {
    await dev.create(deployment('crashy', 'apps', 'registry.example/crash:1', 1));
    const restarts = () => {
      const pod = dev.list('v1', 'Pod', 'apps').find((p) => p.metadata.name.startsWith('crashy-'));
      const statuses = (pod?.status as { containerStatuses?: { restartCount: number }[] } | undefined)?.containerStatuses ?? [];
      return statuses[0]?.restartCount ?? 0;
    };
    for (let i = 0; i < 200 && restarts() < 3; i++) await sleep(25);
    expect(restarts()).toBeGreaterThanOrEqual(3);
  });
});
