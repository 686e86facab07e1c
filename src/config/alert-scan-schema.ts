import { channelId, cron, duration, strict, timezone } from './schema-primitives.js';

const MINUTE = 60_000;

/** What every scheduled scan under `alerts` has: when it runs, where it posts, how often it reminds. */
export const scanBase = { schedule: cron, timezone: timezone.default('UTC'), channel: channelId, remindEvery: duration.default(24 * 60 * MINUTE) };

/**
 * `alerts.helm`: failed releases, and releases pending longer than `pendingAfter`. helm's own
 * operations time out after 5m by default, so a shorter threshold would report upgrades that are
 * still running.
 */
export const helmAlerts = strict({ ...scanBase, pendingAfter: duration.default(30 * MINUTE) })
  .refine((h) => h.pendingAfter >= 5 * MINUTE, {
    error: 'pendingAfter must be at least 5m: a helm upgrade still running is pending too (helm waits up to 5m by default)',
    path: ['pendingAfter'],
  })
  .transform(({ remindEvery, pendingAfter, ...rest }) => ({ ...rest, remindEveryMs: remindEvery, pendingAfterMs: pendingAfter }));

