import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_STALL, spawnReplica } from '../../support/spawn-replica.js';
import { startBot, startSims, type Bot, type Sims } from '../../support/harness.js';
import { freePort } from '../../support/free-port.js';
import { ackText, eventually, requestIdIn, visibleText, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { blockApiServiceDisruptions } from '../../support/pdb.js';


describe('a replica killed with SIGKILL in the middle of a mutation', () => {
  let sims: Sims;
  let bot: Bot | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    sims = await startSims({ mode: 'socket', name: 'interrupted' });
    // The demo's PDB is tightened to allow no disruption: the drain keeps retrying evictions.
    await blockApiServiceDisruptions(sims.kube.cluster('prod'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await bot?.stop();
    await sims?.stop();
  });

  it('ends interrupted with a thread message and the current state, and is not re-run', async () => {
    child = spawnReplica(sims, await freePort());
    await sims.slack.waitFor(() => sims.slack.socketConnections() > 0, 30_000);

    const res = await sims.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'drain node-b prod' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(sims.slack, CHANNEL, id);
    await waitForCardText(sims.slack, CHANNEL, card.ts, /Awaiting approval/i);
    await sims.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    // Wait until the drain is really evicting (blocked by the PDB).
    await eventually(async () => sims.kube.cluster('prod').requests.some((r) => r.method === 'POST' && r.path.endsWith('/eviction')), 30_000);

    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const evictionsAtKill = sims.kube.cluster('prod').requests.filter((r) => r.method === 'POST' && r.path.endsWith('/eviction')).length;

    bot = await startBot(sims, { worker: FAST_STALL });
    const final = await eventually(async () => {
      const r = await bot?.shipmate.pipeline.get(id);
      return r && r.state === 'interrupted' ? r : undefined;
    }, 30_000);
    expect(final.state).toBe('interrupted');
    await waitForCardState(sims.slack, CHANNEL, card.ts, /^(Interrupted)/i);
    const thread = sims.slack.thread(CHANNEL, card.ts).map((m) => visibleText(m)).join('\n');
    expect(thread).toMatch(/interrupted/i);
    expect(thread).toMatch(/node-b/);

    // Not re-run: no new evictions after the survivor took over, and the node stays cordoned.
    await new Promise((r) => setTimeout(r, 3000));
    const evictionsNow = sims.kube.cluster('prod').requests.filter((r) => r.method === 'POST' && r.path.endsWith('/eviction')).length;
    expect(evictionsNow).toBe(evictionsAtKill);
    const node = sims.kube.cluster('prod').get('v1', 'Node', undefined, 'node-b') as unknown as { spec: { unschedulable?: boolean } };
    expect(node.spec.unschedulable).toBe(true);
  });
});
