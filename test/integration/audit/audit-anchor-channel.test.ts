import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createAuditLog } from '../../../src/audit/audit-log.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { ackText } from '../../support/slack-helpers.js';
import { CHANNEL, USERS, testConfigYaml } from '../../support/users.js';

// The bot itself, through main.ts: anchors leave Redis by way of the notifier.
describe('audit anchors posted by the running bot', () => {
  let h: Harness;
  let redis: Redis;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'audit-anchor', configYaml: `${testConfigYaml()}\naudit:\n  anchorChannel: ${CHANNEL}\n  anchorEvery: 2\n` });
    redis = new Redis(h.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  });

  it('posts the head to audit.anchorChannel, matching the anchor kept with the chain', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'status api-service dev' });
    expect(ackText(res.body)).not.toBe('');
    const posted = () => h.slack.messages(CHANNEL).map((m) => m.text).filter((t) => t.startsWith('Shipmate audit anchor #'));
    await h.slack.waitFor(() => posted().length > 0, 30_000);
    const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: pino({ level: 'silent' }) });
    const [first] = await audit.anchors();
    expect(first).toBeDefined();
    expect(posted()[0]).toBe(`Shipmate audit anchor #1: seq ${first!.seq}, hmac ${first!.hash}, taken ${first!.at}`);
    expect((await audit.verify()).ok).toBe(true);
  });
});
