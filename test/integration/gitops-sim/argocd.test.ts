import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../devkit/kube-sim/index.js';
import { kubectlFor, must } from '../kube-sim/kubectl.js';
import type { World } from './world.js';
import { get, image, imageOf, release, startWorld, waitFor } from './world.js';

interface AppStatus {
  sync?: { status?: string; revision?: string; comparedTo?: { source?: { path?: string } } };
  health?: { status?: string };
  resources?: { kind: string; name: string; status: string; health?: { status: string } }[];
  history?: { id: number; revision: string; deployedAt: string; deployStartedAt?: string; initiatedBy?: { username?: string; automated?: boolean } }[];
  operationState?: { phase: string; message?: string; operation: { initiatedBy?: { username?: string; automated?: boolean } }; syncResult?: { revision: string }; finishedAt?: string };
  reconciledAt?: string;
}

const app = (world: World): KubeObject & { status?: AppStatus; operation?: unknown } => get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api');

describe('simulated Argo CD application controller', () => {
  let world: World;
  let kubectl: Awaited<ReturnType<typeof kubectlFor>>;

  beforeAll(async () => {
    world = await startWorld({ selfHealSeconds: 0.3 });
    kubectl = await kubectlFor(world.sim, 'dev');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('deploys the seeded app from Git: Synced, Healthy, tracked, three revisions of history', async () => {
    const [, , head] = world.revisions;
    const status = await waitFor('argo-api Synced and Healthy', () => {
      const s = app(world).status;
      return s?.sync?.status === 'Synced' && s.health?.status === 'Healthy' ? s : undefined;
    });
    expect(status.sync?.revision).toBe(head);
    expect(status.sync?.comparedTo?.source?.path).toBe('apps/argo-api/envs/dev');
    expect(status.history?.map((h) => h.revision)).toEqual(world.revisions);
    expect(status.history?.map((h) => h.id)).toEqual([0, 1, 2]);
    expect(status.history?.every((h) => h.initiatedBy?.automated === true && h.deployStartedAt && h.deployedAt)).toBe(true);
    expect(status.resources?.map((r) => `${r.kind}/${r.name}:${r.status}`).sort()).toEqual(['Deployment/argo-api:Synced', 'Service/argo-api:Synced']);
    expect(status.operationState?.phase).toBe('Succeeded');
    expect(app(world).operation).toBeUndefined();
    const deploy = get(world, 'apps/v1', 'Deployment', 'shop', 'argo-api');
    expect(deploy.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('argo-api:apps/Deployment:shop/argo-api');
    expect(deploy.metadata.labels?.['app.kubernetes.io/instance']).toBe('argo-api');
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '1.2.0'));
  });

  it('picks up a new commit when asked to refresh, and removes the refresh annotation', async () => {
    const sha = await release(world, '1.3.0');
    await must(kubectl('annotate', '-n', 'argocd', 'applications.argoproj.io/argo-api', 'argocd.argoproj.io/refresh=normal'));
    const status = await waitFor('the new commit in history', () => {
      const s = app(world).status;
      return s?.history?.at(-1)?.revision === sha ? s : undefined;
    });
    expect(status.sync?.revision).toBe(sha);
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '1.3.0'));
    expect(app(world).metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
  });

  it('self-heal reverts a kubectl set image', async () => {
    const before = app(world).status?.history?.length ?? 0;
    await must(kubectl('set', 'image', '-n', 'shop', 'deployment/argo-api', `argo-api=${image('argo-api', '9.9.9')}`));
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '9.9.9'));
    await waitFor('self-heal to restore the image from Git', () => imageOf(world, 'argo-api') === image('argo-api', '1.3.0'));
    const status = await waitFor('Synced again', () => (app(world).status?.sync?.status === 'Synced' ? app(world).status : undefined));
    expect(status?.history?.length).toBe(before + 1);
    expect(status?.operationState?.operation.initiatedBy?.automated).toBe(true);
  });

  it('self-heal reverts a kubectl rollout undo', async () => {
    await must(kubectl('rollout', 'undo', '-n', 'shop', 'deployment/argo-api'));
    expect(imageOf(world, 'argo-api')).not.toBe(image('argo-api', '1.3.0'));
    await waitFor('self-heal to undo the undo', () => imageOf(world, 'argo-api') === image('argo-api', '1.3.0'));
  });

  it('reports Degraded when the synced revision crash-loops, and Healthy again after a fix', async () => {
    const broken = await release(world, '2.0.0-broken');
    await must(kubectl('annotate', '--overwrite', '-n', 'argocd', 'applications.argoproj.io/argo-api', 'argocd.argoproj.io/refresh=normal'));
    const degraded = await waitFor('Degraded', () => (app(world).status?.health?.status === 'Degraded' ? app(world).status : undefined));
    expect(degraded.sync).toMatchObject({ status: 'Synced', revision: broken });
    expect(degraded.resources?.find((r) => r.kind === 'Deployment')?.health?.status).toBe('Degraded');

    await release(world, '1.3.0');
    await must(kubectl('annotate', '--overwrite', '-n', 'argocd', 'applications.argoproj.io/argo-api', 'argocd.argoproj.io/refresh=normal'));
    await waitFor('Healthy on the fix', () => app(world).status?.health?.status === 'Healthy' && imageOf(world, 'argo-api') === image('argo-api', '1.3.0'));
  });

  it('refuses a manual sync to another revision while automated, and runs it once automation is off', async () => {
    const [oldest] = world.revisions;
    const op = (user: string): string => JSON.stringify({ operation: { sync: { revision: oldest }, initiatedBy: { username: user } } });
    await must(kubectl('patch', '-n', 'argocd', 'applications.argoproj.io/argo-api', '--type', 'merge', '-p', op('alice')));
    const refused = await waitFor('the refused operation', () => {
      const s = app(world).status?.operationState;
      return s?.operation.initiatedBy?.username === 'alice' && s.finishedAt ? s : undefined;
    });
    expect(refused.phase).toBe('Failed');
    expect(refused.message).toBe(`Cannot sync to ${oldest}: auto-sync currently set to main`);
    expect(app(world).operation).toBeUndefined();
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '1.3.0'));

    await must(kubectl('patch', '-n', 'argocd', 'applications.argoproj.io/argo-api', '--type', 'merge', '-p', '{"spec":{"syncPolicy":{"automated":null}}}'));
    await must(kubectl('patch', '-n', 'argocd', 'applications.argoproj.io/argo-api', '--type', 'merge', '-p', op('bob')));
    const done = await waitFor('the manual sync', () => {
      const s = app(world).status;
      return s?.operationState?.operation.initiatedBy?.username === 'bob' && s.operationState.finishedAt ? s : undefined;
    });
    expect(done.operationState?.phase).toBe('Succeeded');
    expect(done.operationState?.syncResult?.revision).toBe(oldest);
    expect(done.history?.at(-1)).toMatchObject({ revision: oldest, initiatedBy: { username: 'bob' } });
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '1.0.0'));
    // Git's head is still the target: the app now reports itself OutOfSync, as Argo CD does after a rollback.
    const after = await waitFor('OutOfSync', () => (app(world).status?.sync?.status === 'OutOfSync' ? app(world).status : undefined));
    expect(after?.sync?.revision).not.toBe(oldest);
    // Without automation nothing syncs it back.
    await world.sim.gitopsSettle?.();
    expect(imageOf(world, 'argo-api')).toBe(image('argo-api', '1.0.0'));
    expect(world.errors).toEqual([]);
  });
});
