import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { renderResultSections } from '../../../src/slack/views/result-sections.js';
import { clientNodeKubeconfig, context, harness, type Harness } from './support.js';

/**
 * Issue 9 item 10: `/k8s status` shows what actually runs. In the demo, `checkout` reports
 * "3/3 ready" on a crash-looping image; the ready pods still run v3.0.9.
 */
let sim: KubeSim;
let h: Harness;

beforeAll(async () => {
  // The first crash comes after half the back-off, then the pod waits a whole back-off in CrashLoopBackOff:
  // 4 s keeps it there while the test reads, however loaded the machine (200 ms did not).
  sim = await startKubeSim({ clusters: ['staging'], timing: { crashBackoffMs: 4_000 } });
  const staging = sim.cluster('staging');
  await seedDemo(staging, 'staging');
  await staging.settle();
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['staging']);
});
afterAll(async () => {
  await sim?.stop();
});

async function status() {
  const ctx = context({ command: 'status', app: 'checkout', env: 'staging' }, { cluster: 'staging', namespace: 'shop', workload: { kind: 'Deployment', name: 'checkout' } });
  const op = h.ops.get('status')!;
  return op.execute(ctx, await op.plan(ctx));
}

describe('/k8s status on the demo checkout', () => {
  it('reports which image each revision actually runs, the crash-looping pod, and Warning events', async () => {
    const result = await status();
    const report = result.report!;
    expect(report.specImages).toEqual(['registry.example.com/shop/checkout:v3.1.0-broken']);
    const byImage = new Map(report.versions.map((v) => [v.images.join(','), v]));
    expect(byImage.get('registry.example.com/shop/checkout:v3.0.9')).toMatchObject({ pods: 3, ready: 3 });
    expect(byImage.get('registry.example.com/shop/checkout:v3.1.0-broken')).toMatchObject({ ready: 0, revision: report.revision });
    expect(report.troubledPods).toEqual([
      // Between back-offs the sim's container is briefly up or just exited: the reason follows its state.
      expect.objectContaining({ reason: expect.stringMatching(/^(CrashLoopBackOff|Error)$/), ready: false, images: ['registry.example.com/shop/checkout:v3.1.0-broken'] }),
    ]);
    expect(report.troubledPods[0]!.restarts).toBeGreaterThan(0);
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(result.summary).toMatch(/2 versions running, 1 pod\(s\) failing or not ready/);
  });

  it('renders that in the thread: the running versions, the failing pod with its reason and restarts, the warnings', async () => {
    const { messages } = renderResultSections(await status());
    const text = JSON.stringify(messages[0]?.blocks);
    expect(text).toMatch(/revision \d+: registry\.example\.com\/shop\/checkout:v3\.0\.9 — 3 pods, 3 ready/);
    expect(text).toMatch(/checkout-[a-z0-9-]+: (CrashLoopBackOff|Error), \d+ restarts?, not ready/);
    expect(text).toContain('recent warnings:');
    expect(text).not.toContain('recent warnings: none');
  });
});
