import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runAlertScan, type AlertRunDeps } from '../../../src/jobs/alerts/alert-run.js';
import { DAY, REDIS_URL, alertsConfig, apps, certFinding, deleteKeys, environments, recordingNotifier, scriptedScanner, silentLogger, uniquePrefix } from './helpers.js';

const redis = new Redis(REDIS_URL);
const prefix = uniquePrefix('alert-state');
let clock = Date.parse('2026-06-01T09:00:00Z');
let scanner = scriptedScanner();
let notifier = recordingNotifier();
let deps: AlertRunDeps;

/** One scheduled run, an hour after the previous one. */
async function tick(kind: 'certificates' | 'quotas' = 'certificates', advanceMs = 3_600_000) {
  clock += advanceMs;
  return runAlertScan(deps, kind, clock);
}

beforeEach(async () => {
  await deleteKeys(redis, prefix);
  scanner = scriptedScanner();
  notifier = recordingNotifier();
  deps = { redis, prefix, notifier, logger: silentLogger, config: alertsConfig(), environments, apps, runScan: scanner, now: () => new Date(clock) };
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('alert state machine', () => {
  it('says which scan and schedule each post comes from', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    await tick('certificates');
    await tick('quotas');
    expect(notifier.messages.map((m) => [m.channel, m.message.context])).toEqual([
      ['C0ALERTS', ['From the certificates scan (schedule "0 9 * * 1-5", Europe/Berlin)']],
      ['C0QUOTA', ['From the quotas scan (schedule "*/30 * * * *", Europe/Berlin)']],
    ]);
  });

  it('alerts once for three runs with unchanged findings, mentioning the owners', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    await tick();
    await tick();
    await tick();
    expect(notifier.messages).toHaveLength(1);
    const [first] = notifier.messages;
    expect(first?.channel).toBe('C0ALERTS');
    expect(first?.message.text).toBe('Certificate alerts: 1 new <!subteam^S0PAYMENTS>');
    expect(first?.message.sections[0]).toBe('*New (1)*\n• :large_yellow_circle: secret/api-tls in prod-eu/shop: leaf CN=api-tls expires in 20 days');
    expect(first?.message.sections).toContain('Owners: <!subteam^S0PAYMENTS>');
  });

  it('escalates warn → critical once, then one resolved note when fixed', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    await tick();
    scanner.set('prod-eu', [certFinding('api-tls', 'critical', 6)]);
    await tick();
    await tick();
    scanner.set('prod-eu', []);
    await tick();
    await tick();
    expect(notifier.messages.map((m) => m.message.text)).toEqual([
      'Certificate alerts: 1 new <!subteam^S0PAYMENTS>',
      'Certificate alerts: 1 escalated to critical <!subteam^S0PAYMENTS>',
      'Certificate alerts: 1 resolved',
    ]);
    expect(notifier.messages[2]?.message.sections).toEqual(['*Resolved (1)*\n• :white_check_mark: secret/api-tls in prod-eu/shop: leaf CN=api-tls expires in 6 days']);
  });

  it('reminds on the configured cadence while a finding stays open', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'critical', 3)]);
    await tick('certificates', 0);
    await tick('certificates', DAY / 2);
    await tick('certificates', DAY / 2);
    await tick('certificates', DAY / 2);
    await tick('certificates', DAY / 2);
    expect(notifier.messages.map((m) => m.message.text)).toEqual([
      'Certificate alerts: 1 new <!subteam^S0PAYMENTS>',
      'Certificate alerts: 1 still open <!subteam^S0PAYMENTS>',
      'Certificate alerts: 1 still open <!subteam^S0PAYMENTS>',
    ]);
  });

  it('groups everything of a run into one message per channel, and long lists into a file', async () => {
    scanner.set('prod-eu', Array.from({ length: 40 }, (_, i) => certFinding(`tls-${String(i).padStart(2, '0')}`, i % 2 ? 'warn' : 'critical', 5)));
    scanner.set('dev', [certFinding('dev-tls', 'warn', 15, 'dev')]);
    await tick();
    expect(notifier.messages).toHaveLength(1);
    const message = notifier.messages[0]!.message;
    expect(message.text).toBe('Certificate alerts: 41 new <!subteam^S0PAYMENTS>');
    expect(message.sections[0]).toContain('…and 16 more in the attached file');
    expect(message.file?.content.split('\n').filter((l) => l.startsWith('CRITICAL') || l.startsWith('WARN'))).toHaveLength(41);
  });

  it('keeps findings of an unreachable cluster open, alerts its failure once and resolves it when back', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    await tick();
    scanner.set('prod-eu', 'unreachable (ECONNREFUSED)');
    await tick();
    await tick();
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 19)]);
    await tick();
    expect(notifier.messages.map((m) => m.message.text)).toEqual([
      'Certificate alerts: 1 new <!subteam^S0PAYMENTS>',
      'Certificate alerts: 1 new',
      'Certificate alerts: 1 resolved',
    ]);
    expect(notifier.messages[1]?.message.sections[0]).toContain('cluster in prod-eu: could not be scanned: unreachable (ECONNREFUSED)');
  });

  it('keeps certificate and quota state apart and posts quotas to their own channel', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    await tick('certificates');
    await tick('quotas');
    expect(notifier.messages.map((m) => m.channel)).toEqual(['C0ALERTS', 'C0QUOTA']);
  });

  it('lets only one of two replicas run the same scheduled time', async () => {
    scanner.set('prod-eu', [certFinding('api-tls', 'warn', 20)]);
    const other = { ...deps };
    const [a, b] = await Promise.all([runAlertScan(deps, 'certificates', clock), runAlertScan(other, 'certificates', clock)]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(notifier.messages).toHaveLength(1);
    expect(scanner.calls).toBe(2); // two clusters, scanned once
  });
});
