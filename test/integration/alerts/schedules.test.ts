import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertRunReport } from '../../../src/jobs/alerts/alert-run.js';
import { createAlertSchedules, scheduledAtOf } from '../../../src/jobs/alerts/schedules.js';
import { REDIS_URL, alertsConfig, apps, certFinding, deleteKeys, environments, recordingNotifier, scriptedScanner, silentLogger, uniquePrefix } from './helpers.js';

const redis = new Redis(REDIS_URL);
const prefix = uniquePrefix('alert-schedules');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

async function waitFor(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('alert schedules', () => {
  it('two replicas with the same every-second schedule post one message per run', async () => {
    const base = alertsConfig(0); // remind on every run, so every run posts exactly one message
    const config = { certificates: { ...base.certificates!, schedule: '* * * * * *' } };
    const notifier = recordingNotifier();
    const scanner = scriptedScanner();
    scanner.set('prod-eu', [certFinding('api-tls', 'critical', 3)]);
    const reports: AlertRunReport[] = [];
    const replicas = [1, 2].map(() =>
      createAlertSchedules({ connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, notifier, logger: silentLogger, config, environments, apps, runScan: scanner, onRun: (r) => reports.push(r) }),
    );
    try {
      await Promise.all(replicas.map((r) => r.start()));
      await waitFor(() => reports.filter((r) => r.ran).length >= 3);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
    const ran = reports.filter((r) => r.ran);
    expect(new Set(ran.map((r) => r.scheduledAt)).size).toBe(ran.length);
    expect(notifier.messages).toHaveLength(ran.length);
    expect(ran.every((r) => r.scheduledAt % 1000 === 0)).toBe(true);
  });

  it('runNow runs a kind immediately and the claim stops a second run of the same time', async () => {
    const notifier = recordingNotifier();
    const scanner = scriptedScanner();
    scanner.set('dev', [certFinding('dev-tls', 'warn', 10, 'dev')]);
    const schedules = createAlertSchedules({ connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, notifier, logger: silentLogger, config: alertsConfig(), environments, apps, runScan: scanner });
    try {
      const first = await schedules.runNow('certificates', 1_000);
      const again = await schedules.runNow('certificates', 1_000);
      expect([first.ran, again.ran]).toEqual([true, false]);
      expect(notifier.messages).toHaveLength(1);
    } finally {
      await schedules.close();
    }
  });

  it('reads the scheduled time from scheduler job ids', () => {
    expect(scheduledAtOf({ id: 'repeat:certificates:1780304400000', timestamp: 1, opts: {} })).toBe(1_780_304_400_000);
    expect(scheduledAtOf({ id: '17', timestamp: 1000, opts: { delay: 500 } })).toBe(1500);
  });
});
