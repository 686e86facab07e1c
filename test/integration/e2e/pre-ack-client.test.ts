import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { ackText, eventually, requestIdIn } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';

/**
 * The notifier's Slack client waits out a 429's Retry-After (its request queue pauses), which is
 * right for ordered card updates and wrong for anything an ack waits on. The user-group lookup
 * made before the ack has its own client, so it is answered while the notifier is still paused.
 */
describe('an ack while the notifier waits out a 429', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'http', name: 'pre-ack-client' });
  });
  afterAll(async () => h?.stop());

  it('looks up user groups and acks without waiting behind the rate-limited notifier', async () => {
    // Longer than Slack's 3 s ack timeout, short enough for the notifier to drain before stop.
    h.slack.rateLimit({ method: 'chat.postMessage', forMs: 8_000, retryAfterSec: 6 });
    // dev is open to everyone: no group lookup, but its card post meets the 429 and pauses the notifier.
    const first = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'status api-service dev' });
    requestIdIn(ackText(first.body));
    await eventually(async () => h.slack.calls.some((c) => c.method === 'chat.postMessage' && c.status === 429));

    // prod may be used by the on-call group only: the ack needs usergroups.users.list.
    const second = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'status api-service prod' });
    expect(second.acked).toBe(true);
    const id = requestIdIn(ackText(second.body));
    expect(h.slack.calls.some((c) => c.method === 'usergroups.users.list' && c.ok)).toBe(true);
    // The notifier was still paused when the ack came back: no card had been posted yet.
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok)).toHaveLength(0);
    expect(await h.shipmate.pipeline.get(id)).not.toBeNull();
  });
});
