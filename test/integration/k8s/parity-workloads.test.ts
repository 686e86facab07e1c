import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type SimCluster } from '../../../devkit/kube-sim/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import type { WorkloadRef } from '../../../src/core/operation.js';
import { clientNodeKubeconfig, comparable, context, deploymentManifest, harness, kubectl, type Harness } from './support.js';

/**
 * kubectl parity: the same starting state in two namespaces; the real kubectl acts on `k-*`,
 * Shipmate's operation on `s-*`; the resulting objects must match field by field.
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

/** Two namespaces with the same history: a Deployment at image v1 then set to each of `images`. */
async function twin(kind: 'Deployment' | 'StatefulSet', images: string[], extra: { paused?: boolean } = {}): Promise<{ k: string; s: string }> {
  n++;
  const pair = { k: `k-${n}`, s: `s-${n}` };
  for (const ns of [pair.k, pair.s]) {
    await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const manifest = deploymentManifest(ns, 'api', 'reg/api:v1') as { kind: string; spec: Record<string, unknown> };
    if (kind === 'StatefulSet') {
      manifest.kind = 'StatefulSet';
      manifest.spec['serviceName'] = 'api';
    }
    await dev.create(manifest);
    await dev.settle();
    for (const image of images) {
      await kc(['-n', ns, 'set', 'image', `${kind.toLowerCase()}/api`, `app=${image}`]);
      await dev.settle();
    }
    if (extra.paused) await kc(['-n', ns, 'rollout', 'pause', 'deployment/api']);
  }
  await dev.settle();
  return pair;
}

function object(kind: string, ns: string, name = 'api'): unknown {
  return comparable(dev.get('apps/v1', kind, ns, name));
}

function history(kind: 'ReplicaSet' | 'ControllerRevision', ns: string): unknown {
  return dev
    .list('apps/v1', kind, ns)
    .map((o) => comparable(o))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function shipmate(invocation: Invocation, ns: string, workload: WorkloadRef) {
  const op = h.ops.get(invocation.command);
  if (!op) throw new Error(`no operation for ${invocation.command}`);
  const ctx = context(invocation, { cluster: 'dev', namespace: ns, workload });
  const plan = await op.plan(ctx);
  const result = plan.noop ? undefined : await op.execute(ctx, plan);
  await dev.settle();
  return { plan, result };
}

const deployment: WorkloadRef = { kind: 'Deployment', name: 'api' };

describe('rollback parity (Deployment)', () => {
  it('default: previous revision', async () => {
    const { k, s } = await twin('Deployment', ['reg/api:v2', 'reg/api:v3']);
    await kc(['-n', k, 'rollout', 'undo', 'deployment/api']);
    const { plan, result } = await shipmate({ command: 'rollback', app: 'api', env: 'test' }, s, deployment);
    expect(plan.facts).toMatchObject({ fromRevision: 3, toRevision: 2, toImage: 'reg/api:v2' });
    expect(plan.dryRun).toMatchObject({ performed: true, ok: true });
    expect(plan.diff).toContain('-    - image: reg/api:v3');
    expect(plan.diff).toContain('+    - image: reg/api:v2');
    expect(result?.outcome).toBe('succeeded');
    await dev.settle();
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
    expect(history('ReplicaSet', s)).toEqual(history('ReplicaSet', k));
  });

  it('--to N', async () => {
    const { k, s } = await twin('Deployment', ['reg/api:v2', 'reg/api:v3']);
    await kc(['-n', k, 'rollout', 'undo', 'deployment/api', '--to-revision=1']);
    await shipmate({ command: 'rollback', app: 'api', env: 'test', toRevision: 1 }, s, deployment);
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
    expect(history('ReplicaSet', s)).toEqual(history('ReplicaSet', k));
  });

  it('paused deployment: both refuse and nothing changes', async () => {
    const { k, s } = await twin('Deployment', ['reg/api:v2'], { paused: true });
    const kubectlError = await kc(['-n', k, 'rollout', 'undo', 'deployment/api']).then(() => '', (e: { stderr?: string }) => e.stderr ?? '');
    expect(kubectlError).toContain('you cannot rollback a paused deployment');
    const op = h.ops.get('rollback');
    await expect(op?.plan(context({ command: 'rollback', app: 'api', env: 'test' }, { cluster: 'dev', namespace: s, workload: deployment }))).rejects.toThrow(
      /you cannot rollback a paused deployment; resume it first/,
    );
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
  });

  it('already current: skipped, and no PATCH is sent', async () => {
    const { k, s } = await twin('Deployment', ['reg/api:v2']);
    const out = await kc(['-n', k, 'rollout', 'undo', 'deployment/api', '--to-revision=2']);
    expect(out).toContain('skipped rollback (current template already matches revision 2)');
    dev.resetRequests();
    const op = h.ops.get('rollback');
    const ctx = context({ command: 'rollback', app: 'api', env: 'test', toRevision: 2 }, { cluster: 'dev', namespace: s, workload: deployment });
    const plan = await op!.plan(ctx);
    expect(plan.noop).toBe(true);
    expect(plan.summary).toContain('skipped rollback (current template already matches revision 2)');
    const result = await op!.execute(ctx, plan);
    expect(result.facts['skipped']).toBe(true);
    expect(dev.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
  });
});

describe('rollback parity (StatefulSet)', () => {
  it('default: previous ControllerRevision via strategic merge patch', async () => {
    const { k, s } = await twin('StatefulSet', ['reg/api:v2']);
    await kc(['-n', k, 'rollout', 'undo', 'statefulset/api']);
    const { result } = await shipmate({ command: 'rollback', app: 'api', env: 'test' }, s, { kind: 'StatefulSet', name: 'api' });
    expect(result?.outcome).toBe('succeeded');
    expect(object('StatefulSet', s)).toEqual(object('StatefulSet', k));
    expect(history('ControllerRevision', s)).toEqual(history('ControllerRevision', k));
  });
});

describe('set image / restart / scale parity', () => {
  it('set image with a bare tag keeps the repository', async () => {
    const { k, s } = await twin('Deployment', []);
    await kc(['-n', k, 'set', 'image', 'deployment/api', 'app=reg/api:v9']);
    const { plan, result } = await shipmate({ command: 'upgrade', app: 'api', env: 'test', image: 'v9' }, s, deployment);
    expect(plan.facts).toMatchObject({ fromImage: 'reg/api:v1', toImage: 'reg/api:v9' });
    expect(result?.outcome).toBe('succeeded');
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
    expect(history('ReplicaSet', s)).toEqual(history('ReplicaSet', k));
  });

  it('restart sets restartedAt like kubectl', async () => {
    const { k, s } = await twin('Deployment', []);
    await kc(['-n', k, 'rollout', 'restart', 'deployment/api']);
    const { result } = await shipmate({ command: 'restart', app: 'api', env: 'test' }, s, deployment);
    expect(result?.outcome).toBe('succeeded');
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
  });

  it('scale through the scale subresource', async () => {
    const { k, s } = await twin('Deployment', []);
    await kc(['-n', k, 'scale', 'deployment/api', '--replicas=4']);
    dev.resetRequests();
    const { result } = await shipmate({ command: 'scale', app: 'api', env: 'test', replicas: 4 }, s, deployment);
    expect(result?.outcome).toBe('succeeded');
    expect(dev.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/api/scale'))).toBe(true);
    expect(object('Deployment', s)).toEqual(object('Deployment', k));
  });

  it('scale outside policy bounds is refused with a clear message', async () => {
    const ctx = context({ command: 'scale', app: 'api', env: 'test', replicas: 11 }, { cluster: 'dev', namespace: 'default', workload: deployment });
    await expect(h.ops.get('scale')?.plan(ctx)).rejects.toThrow('11 replicas is outside what policy allows in test (0–10)');
  });
});
