import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { clientNodeKubeconfig, context, deploymentManifest, harness, kubectl, type Harness } from './support.js';

/**
 * Issue 9 item 11: every change Shipmate makes says who did it, in the annotations that
 * `kubectl rollout history` and `kubectl describe` show.
 */
let sim: KubeSim;
let dev: SimCluster;
let h: Harness;
let n = 0;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  dev = sim.cluster('dev');
  h = harness(await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig), ['dev']);
});
afterAll(async () => {
  await sim?.stop();
});

const kc = (args: string[]) => kubectl(sim.kubeconfigPath, 'dev', args);
const api: WorkloadRef = { kind: 'Deployment', name: 'api' };

async function namespaceWithHistory(): Promise<string> {
  const ns = `p-${++n}`;
  await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await dev.create(deploymentManifest(ns, 'api', 'reg/api:v1'));
  await dev.settle();
  await kc(['-n', ns, 'set', 'image', 'deployment/api', 'app=reg/api:v2']);
  await dev.settle();
  return ns;
}

async function run(invocation: Invocation, ns: string, approvers: string[]) {
  const op = h.ops.get(invocation.command)!;
  const ctx = { ...context(invocation, { cluster: 'dev', namespace: ns, workload: api }), requester: 'alice', approvers: approvers.map((id) => ({ id })) };
  const result = await op.execute(ctx, await op.plan(ctx));
  await dev.settle();
  return result;
}

const annotationsOf = (ns: string) => dev.get('apps/v1', 'Deployment', ns, 'api')?.metadata.annotations ?? {};

describe('provenance on the changed objects', () => {
  it('a rollback names request, command, requester and approvers in change-cause, on the Deployment and in rollout history', async () => {
    const ns = await namespaceWithHistory();
    expect((await run({ command: 'rollback', app: 'api', env: 'test' }, ns, ['bob'])).outcome).toBe('succeeded');
    const cause = 'shipmate R-TEST0001 rollback by @alice, approved by @bob';
    expect(annotationsOf(ns)).toMatchObject({ 'kubernetes.io/change-cause': cause, 'shipmate.dev/request-id': 'R-TEST0001' });
    const history = await kc(['-n', ns, 'rollout', 'history', 'deployment/api']);
    expect(history).toMatch(new RegExp(`^3\\s+${cause}$`, 'm'));
    expect(await kc(['-n', ns, 'describe', 'deployment/api'])).toContain('shipmate.dev/request-id: R-TEST0001');
  });

  it('an upgrade and a restart record theirs; a request without approvals says only who ran it', async () => {
    const ns = await namespaceWithHistory();
    await run({ command: 'upgrade', app: 'api', env: 'test', image: 'v3' }, ns, ['bob', 'carol']);
    expect(annotationsOf(ns)['kubernetes.io/change-cause']).toBe('shipmate R-TEST0001 upgrade by @alice, approved by @bob, @carol');
    await run({ command: 'restart', app: 'api', env: 'test' }, ns, []);
    expect(annotationsOf(ns)['kubernetes.io/change-cause']).toBe('shipmate R-TEST0001 restart by @alice');
    expect(await kc(['-n', ns, 'rollout', 'history', 'deployment/api'])).toContain('shipmate R-TEST0001 restart by @alice');
  });

  it('a scale records it too, with the scale itself still one scale-subresource PATCH, and names people by handle', async () => {
    const ns = await namespaceWithHistory();
    dev.resetRequests();
    const op = h.ops.get('scale')!;
    const invocation: Invocation = { command: 'scale', app: 'api', env: 'test', replicas: 3 };
    const ctx = { ...context(invocation, { cluster: 'dev', namespace: ns, workload: api }), requester: 'U0ALICE', requesterHandle: 'alice', approvers: [{ id: 'bob' }] };
    expect((await op.execute(ctx, await op.plan(ctx))).outcome).toBe('succeeded');
    await dev.settle();
    expect(annotationsOf(ns)).toMatchObject({ 'kubernetes.io/change-cause': 'shipmate R-TEST0001 scale by @alice, approved by @bob', 'shipmate.dev/request-id': 'R-TEST0001' });
    const patches = dev.requests.filter((r) => r.method === 'PATCH' && !('dryRun' in r.query));
    expect(patches.map((r) => [r.path.endsWith('/scale'), r.contentType])).toEqual([
      [true, 'application/merge-patch+json'],
      [false, 'application/merge-patch+json'],
    ]);
    // The provenance write touches the annotations and nothing else.
    expect(JSON.parse(patches[1]!.body!)).toEqual({ metadata: { annotations: { 'kubernetes.io/change-cause': 'shipmate R-TEST0001 scale by @alice, approved by @bob', 'shipmate.dev/request-id': 'R-TEST0001' } } });
  });

  it('a scale whose provenance write is refused still counts, says so in the thread, and is not sent twice', async () => {
    const ns = await namespaceWithHistory();
    dev.resetRequests();
    const fault = dev.faults.add({ method: 'PATCH', path: new RegExp(`/namespaces/${ns}/deployments/api$`), status: 403 });
    try {
      const op = h.ops.get('scale')!;
      const ctx = { ...context({ command: 'scale', app: 'api', env: 'test', replicas: 4 }, { cluster: 'dev', namespace: ns, workload: api }), approvers: [{ id: 'bob' }] };
      const result = await op.execute(ctx, await op.plan(ctx));
      expect(result.outcome).toBe('succeeded');
      expect(ctx.events.filter((e) => e.kind === 'step').map((e) => e.text).join('\n')).toMatch(/does not name this request: recording it failed .*the audit trail has it/);
      expect(dev.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/scale') && !('dryRun' in r.query))).toHaveLength(1);
      expect(annotationsOf(ns)['shipmate.dev/request-id']).toBeUndefined();
    } finally {
      dev.faults.remove(fault);
    }
  });

  it('a cordon and a drain annotate the node', async () => {
    const nodes = dev.list('v1', 'Node').map((o) => o.metadata.name);
    for (const [command, node] of [['cordon', nodes[0]!], ['drain', nodes[1]!]] as const) {
      const op = h.ops.get(command)!;
      const ctx = { ...context({ command, env: 'test', node }, { cluster: 'dev', namespace: '' }), requester: 'alice', approvers: [{ id: 'bob' }] };
      await op.execute(ctx, await op.plan(ctx));
      expect(dev.get('v1', 'Node', undefined, node)?.metadata.annotations).toMatchObject({
        'kubernetes.io/change-cause': `shipmate R-TEST0001 ${command} by @alice, approved by @bob`,
        'shipmate.dev/request-id': 'R-TEST0001',
      });
    }
  });
});
