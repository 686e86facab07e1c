import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { deployment, namespace } from './kubectl.js';

/**
 * Time scaling shrinks progress deadlines; a healthy rollout whose pods take longer to come up than
 * the scaled deadline must still complete, as it would on a cluster in real time.
 */
let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ timing: { podStartMs: 150, podReadyMs: 150, progressDeadlineScale: 0.0002 } });
});

afterAll(async () => {
  await sim.stop();
});

describe('progress deadline under time scaling', () => {
  it('a healthy rollout completes instead of reporting ProgressDeadlineExceeded', async () => {
    const dev = sim.cluster('dev');
    await dev.create(namespace('slow'));
    // 600 s × 0.0002 = 120 ms, less than one pod's 300 ms start.
    await dev.create(deployment('web', 'slow', 'nginx:1.25', 3));
    const reasons = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const d = dev.get('apps/v1', 'Deployment', 'slow', 'web');
      const conditions = (d?.status as { conditions?: { type: string; reason: string }[]; availableReplicas?: number } | undefined)?.conditions ?? [];
      for (const c of conditions) if (c.type === 'Progressing') reasons.add(c.reason);
      if (reasons.has('NewReplicaSetAvailable') || reasons.has('ProgressDeadlineExceeded')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(reasons.has('ProgressDeadlineExceeded')).toBe(false);
    expect(reasons.has('NewReplicaSetAvailable')).toBe(true);
  });
});
