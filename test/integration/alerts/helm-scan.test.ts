import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import type { AlertsConfig, AppConfig, EnvironmentConfig } from '../../../src/config/types.js';
import { runAlertScan } from '../../../src/jobs/alerts/alert-run.js';
import { createHygieneScanner } from '../../../src/k8s/scans/hygiene-scanner.js';
import { simWithHelm } from '../owners/helm-twins.js';
import { REDIS_URL, deleteKeys, recordingNotifier, silentLogger, uniquePrefix } from './helpers.js';
import { writeInterruptedRevision } from './helm-releases.js';
import { scanClientsFor } from './kube-clients.js';

const MINUTE = 60_000;
const redis = new Redis(REDIS_URL);
const prefix = uniquePrefix('helm-scan');
let sim: KubeSim;
let helm: (...args: string[]) => Promise<string>;
let chart: string;
const now = new Date('2026-11-30T12:00:00Z');

const config: AlertsConfig = { helm: { schedule: '*/15 * * * *', timezone: 'UTC', channel: 'C0HELM', remindEveryMs: 24 * 60 * MINUTE, pendingAfterMs: 30 * MINUTE } };
const environments: Record<string, EnvironmentConfig> = {
  staging: { cluster: 'dev', namespace: 'shop', policy: 'open' },
  // An environment on a cluster without Helm releases: scanned, nothing to say.
  other: { cluster: 'dev', namespace: 'empty', policy: 'open' },
};
const apps: Record<string, AppConfig> = { 'api-service': { workload: { kind: 'Deployment', name: 'api-service' }, owners: ['S0PAYMENTS'] } };

beforeAll(async () => {
  ({ sim, helm, chart } = await simWithHelm(['shop', 'empty']));
  for (const rel of ['healthy', 'stuck', 'young', 'broken']) {
    await helm('install', rel, chart, '-n', 'shop', '--set', 'image.tag=1.25.0');
    await helm('upgrade', rel, chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
  }
  // Interrupted an hour ago, interrupted a minute ago (maybe still running), and a failed upgrade.
  await writeInterruptedRevision(sim, 'shop', 'stuck', 'pending-upgrade', now.getTime() - 60 * MINUTE);
  await writeInterruptedRevision(sim, 'shop', 'young', 'pending-upgrade', now.getTime() - MINUTE);
  await writeInterruptedRevision(sim, 'shop', 'broken', 'failed', now.getTime() - 60 * MINUTE);
}, 120_000);

afterAll(async () => {
  await sim.stop();
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('Helm release hygiene against releases made by the real helm 3.17', () => {
  it('the release records written as an interrupted helm leaves them are what helm itself sees', async () => {
    expect(await helm('status', 'stuck', '-n', 'shop')).toMatch(/STATUS: pending-upgrade/);
    await expect(helm('upgrade', 'stuck', chart, '-n', 'shop', '--reuse-values')).rejects.toThrow(/another operation \(install\/upgrade\/rollback\) is in progress/);
    const history = JSON.parse(await helm('history', 'broken', '-n', 'shop', '-o', 'json')) as { revision: number; status: string }[];
    expect(history.map((r) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'deployed'], [3, 'failed']]);
  });

  it('reports the stuck and the failed release once across two runs, with the fix and the owners', async () => {
    const notifier = recordingNotifier();
    const runScan = createHygieneScanner({ clientsFor: () => scanClientsFor(sim.kubeconfigPath, 'dev'), logger: silentLogger });
    const deps = { redis, prefix, notifier, logger: silentLogger, config, environments, apps, runScan, now: () => now };

    const first = await runAlertScan(deps, 'helm', 1);
    const second = await runAlertScan(deps, 'helm', 2);

    expect(first).toMatchObject({ ran: true, posted: true, events: { new: 2, escalated: 0, reminder: 0, resolved: 0 }, failedClusters: [] });
    expect(second).toMatchObject({ ran: true, posted: false, events: { new: 0, escalated: 0, reminder: 0, resolved: 0 } });
    expect(notifier.messages).toHaveLength(1);
    const [posted] = notifier.messages;
    expect(posted?.channel).toBe('C0HELM');
    const body = posted?.message.sections.join('\n') ?? '';
    expect(posted?.message.text).toBe('Helm release alerts: 2 new <!subteam^S0PAYMENTS>');
    expect(body).toContain('helm-release/stuck in dev/shop: (environment staging) Helm release stuck is stuck in pending-upgrade at revision 3');
    expect(body).toContain('fix: helm rollback stuck 2');
    expect(body).toContain('helm-release/broken in dev/shop: (environment staging) Helm release broken: revision 3 failed; revision 2 is still the deployed one');
    expect(body).not.toContain('young');
    expect(body).not.toContain('healthy');
  });

  it('a pending release older than the threshold at a later run is reported then, and rolling it back resolves it', async () => {
    const notifier = recordingNotifier();
    const runScan = createHygieneScanner({ clientsFor: () => scanClientsFor(sim.kubeconfigPath, 'dev'), logger: silentLogger });
    const later = new Date(now.getTime() + 45 * MINUTE);
    const deps = { redis, prefix, notifier, logger: silentLogger, config, environments, apps, runScan, now: () => later };
    await helm('rollback', 'stuck', '2', '-n', 'shop');

    const report = await runAlertScan(deps, 'helm', 3);

    expect(report.events).toEqual({ new: 1, escalated: 0, reminder: 0, resolved: 1 });
    const body = notifier.messages[0]?.message.sections.join('\n') ?? '';
    expect(body).toContain('Helm release young is stuck in pending-upgrade');
    expect(body).toMatch(/Resolved[\s\S]*helm-release\/stuck/);
  });
});
