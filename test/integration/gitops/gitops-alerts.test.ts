import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsConfig } from '../../../src/config/types.js';
import type { ChannelMessage } from '../../../src/core/notifier.js';
import { createHygieneScanner } from '../../../src/k8s/scans/hygiene-scanner.js';
import { createAlertSchedules, type AlertSchedules } from '../../../src/jobs/alerts/schedules.js';
import type { AlertRunReport } from '../../../src/jobs/alerts/alert-run.js';
import { REDIS_URL, deleteKeys, recordingNotifier, silentLogger, uniquePrefix } from '../alerts/helpers.js';
import { scanClientsFor } from '../alerts/kube-clients.js';
import { get, release, startWorld, waitFor, type World } from '../gitops-sim/world.js';
import type { KubeObject } from '../../../devkit/kube-sim/index.js';

const MINUTE = 60_000;
const config: AlertsConfig = { gitops: { schedule: '*/5 * * * *', timezone: 'UTC', channel: 'C0GITOPS', remindEveryMs: 24 * 60 * MINUTE, afterMs: 10 * MINUTE } };
const environments = { dev: { cluster: 'dev', namespace: 'shop', policy: 'open' } };
const apps = { 'flux-web': { workload: { kind: 'Deployment' as const, name: 'flux-web' }, owners: ['S0WEB'] } };

describe('scheduled GitOps scan across two replicas', () => {
  let world: World;
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix('gitops-alerts');
  const recording = recordingNotifier();
  const raw: ChannelMessage[] = [];
  const notifier = {
    ...recording,
    channelMessage: async (channel: string, message: ChannelMessage) => {
      raw.push(message);
      await recording.channelMessage(channel, message);
    },
    messages: recording.messages,
  };
  let replicas: AlertSchedules[];
  let clock = 0;

  beforeAll(async () => {
    world = await startWorld();
    await world.sim.gitopsSettle?.();
    const runScan = createHygieneScanner({ clientsFor: () => scanClientsFor(world.sim.kubeconfigPath, 'dev') });
    replicas = [1, 2].map(() => createAlertSchedules({ connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, notifier, logger: silentLogger, config, environments, apps, runScan, now: () => new Date(clock) }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.close()));
    await world?.stop();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  /** Both replicas run the same scheduled time, as two schedulers firing at once would. */
  const runBoth = async (at: number): Promise<AlertRunReport[]> => {
    clock = at;
    return Promise.all(replicas.map((r) => r.runNow('gitops', at)));
  };

  it('a suspended Kustomization is reported once it has lasted afterMinutes, exactly once per state change', async () => {
    const t0 = Date.parse('2026-11-30T10:00:00Z');
    expect((await runBoth(t0)).filter((r) => r.ran)).toHaveLength(1);
    expect(notifier.messages).toHaveLength(0); // all healthy

    const ks = get(world, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web');
    await world.sim.cluster('dev').update({ ...ks, spec: { ...(ks as unknown as { spec: object }).spec, suspend: true } });

    await runBoth(t0 + 5 * MINUTE); // first seen: too young to alert
    expect(notifier.messages).toHaveLength(0);
    await runBoth(t0 + 10 * MINUTE); // still seen at +5 min: not yet 10 minutes old
    expect(notifier.messages).toHaveLength(0);
    await runBoth(t0 + 15 * MINUTE); // 10 minutes since first seen
    expect(notifier.messages).toHaveLength(1);
    const alert = notifier.messages[0]!;
    expect(alert.channel).toBe('C0GITOPS');
    const shown = [alert.message.text, ...alert.message.sections, ...alert.message.context].join('\n');
    expect(shown).toMatch(/kustomization\/flux-system\/flux-web/);
    expect(shown).toMatch(/suspended/);
    expect(shown).toContain('<!subteam^S0WEB>');
    // Buttons on the finding run the GitOps commands on the app that Kustomization deploys.
    expect(raw[0]!.actions).toEqual([
      { text: expect.stringContaining('kustomization/flux-system/flux-web in dev/shop') as string, buttons: [{ label: 'Sync', command: 'sync flux-web dev' }, { label: 'Diff', command: 'diff flux-web dev' }] },
    ]);

    await runBoth(t0 + 20 * MINUTE); // unchanged: nothing new
    expect(notifier.messages).toHaveLength(1);

    const suspended = get(world, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web');
    await world.sim.cluster('dev').update({ ...suspended, spec: { ...(suspended as unknown as { spec: object }).spec, suspend: false } });
    await world.sim.gitopsSettle?.();
    await runBoth(t0 + 25 * MINUTE);
    expect(notifier.messages).toHaveLength(2);
    expect([notifier.messages[1]!.message.text, ...notifier.messages[1]!.message.sections].join('\n')).toMatch(/resolved/i);
    await runBoth(t0 + 30 * MINUTE);
    expect(notifier.messages).toHaveLength(2);
  }, 120_000);

  it('an Application OutOfSync alerts once, and escalates when the same app turns Degraded', async () => {
    const t0 = Date.parse('2026-11-30T12:00:00Z');
    const before = notifier.messages.length;
    const app = get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api') as unknown as { spec: Record<string, unknown>; metadata: { annotations?: Record<string, string> } } & KubeObject;
    // Automation off, then a commit whose image crash-loops: the app is OutOfSync until someone syncs.
    await world.sim.cluster('dev').update({ ...app, spec: { ...app.spec, syncPolicy: {} } });
    await release(world, '2.0.0-broken');
    const refresh = get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api');
    await world.sim.cluster('dev').update({ ...refresh, metadata: { ...refresh.metadata, annotations: { ...refresh.metadata.annotations, 'argocd.argoproj.io/refresh': 'normal' } } });
    await waitFor('OutOfSync', () => (get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api') as { status?: { sync?: { status?: string } } }).status?.sync?.status === 'OutOfSync');

    await runBoth(t0);
    await runBoth(t0 + 10 * MINUTE);
    expect(notifier.messages.length - before).toBe(1);
    const first = [notifier.messages.at(-1)!.message.text, ...notifier.messages.at(-1)!.message.sections].join('\n');
    expect(first).toMatch(/application\/argocd\/argo-api in dev\/shop: Argo CD sync OutOfSync/);

    const synced = get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api');
    await world.sim.cluster('dev').update({ ...synced, operation: { sync: {}, initiatedBy: { username: 'test' } } });
    await waitFor('Degraded', () => (get(world, 'argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api') as { status?: { health?: { status?: string } } }).status?.health?.status === 'Degraded', 30_000);
    await runBoth(t0 + 15 * MINUTE);
    expect(notifier.messages.length - before).toBe(2);
    const escalated = [notifier.messages.at(-1)!.message.text, ...notifier.messages.at(-1)!.message.sections].join('\n');
    expect(escalated).toMatch(/Escalated to critical/);
    expect(escalated).toMatch(/application\/argocd\/argo-api in dev\/shop: Argo CD health Degraded/);
    await runBoth(t0 + 20 * MINUTE);
    expect(notifier.messages.length - before).toBe(2);
  }, 120_000);
});
