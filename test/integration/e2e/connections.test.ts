import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisConnector } from '../../../src/main.js';
import { startBot, startSims, type Bot, type Sims } from '../../support/harness.js';
import { eventually } from '../../support/slack-helpers.js';
import { testConfigYaml } from '../../support/users.js';

/**
 * main.ts opens every Redis connection Shipmate uses, through one connector a test can replace:
 * here it counts them by purpose and checks that stopping closes each one.
 */
describe('the connections a replica opens', () => {
  let sims: Sims | undefined;
  let bot: Bot | undefined;
  afterAll(async () => {
    await bot?.stop().catch(() => undefined);
    await sims?.stop();
  });

  it('are all made by main.ts, named by purpose, and all closed on stop', async () => {
    sims = await startSims({
      mode: 'http',
      name: 'connections',
      configYaml: `${testConfigYaml()}alerts:\n  quotas: { schedule: "0 9 * * *", timezone: UTC, warnPercent: 80, criticalPercent: 95, channel: C0ALERTS }\n`,
    });
    const real = redisConnector(sims.redisUrl);
    const opened: { purpose: string; redis: Redis }[] = [];
    bot = await startBot(sims, {
      connect: (purpose) => {
        const redis = real(purpose);
        opened.push({ purpose, redis });
        return redis;
      },
    });

    const purposes = opened.map((c) => c.purpose).sort();
    expect(purposes).toEqual(
      [
        'alerts-queue',
        'alerts-worker',
        'cancel-subscriber',
        'command',
        'notify-queue',
        'notify-worker',
        'pipeline-queues',
        'worker-expiry',
        'worker-mutations',
        'worker-plans',
        'worker-reads',
      ].sort(),
    );
    // The gauges read the components' own queues: no connection or Queue of their own.
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    for (const queue of ['plans', 'mutations', 'reads', 'expiry', 'alerts', 'notify']) expect(metrics).toContain(`queue="${queue}"`);

    await bot.stop();
    bot = undefined;
    // quit() resolves on the server's OK; the socket closes just after.
    const stillOpen = () => opened.filter((c) => c.redis.status !== 'end').map((c) => c.purpose);
    await eventually(async () => stillOpen().length === 0, 5_000).catch(() => undefined);
    expect(stillOpen()).toEqual([]);
  });
});
