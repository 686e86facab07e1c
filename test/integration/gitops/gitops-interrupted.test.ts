import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_STALL, spawnReplica } from '../../support/spawn-replica.js';
import { startBot, type Bot } from '../../support/harness.js';
import { freePort } from '../../support/free-port.js';
import { eventually, visibleText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL } from '../../support/users.js';
import { obj, request, startGitOpsSims, type GitOpsSims } from './gitops-harness.js';

const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

const gitRepository = (sims: GitOpsSims) => obj(sims, 'dev', 'source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'flux-web') as unknown as {
  metadata: { annotations?: Record<string, string> }; spec: Record<string, unknown>;
};

describe('a replica killed in the middle of a GitOps sync', () => {
  let sims: GitOpsSims;
  let bot: Bot | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    sims = await startGitOpsSims({ name: 'gitops-interrupted', selfHealSeconds: 0.5 });
    // A suspended source never answers a reconcile request: the sync waits there until it is killed.
    const repo = gitRepository(sims);
    await sims.kube.cluster('dev').update({ ...repo, spec: { ...repo.spec, suspend: true } });
  }, 120_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await bot?.stop();
    await sims?.stop();
  });

  it('ends interrupted with the current state in the thread, and the reconcile is not requested again', async () => {
    child = spawnReplica(sims, await freePort());
    await sims.slack.waitFor(() => sims.slack.socketConnections() > 0, 30_000);

    // The seed already stamped the source; the sync's own request is a new value.
    const seeded = gitRepository(sims).metadata.annotations?.[REQUESTED_AT];
    const { id, ts } = await request(sims, 'sync flux-web dev');
    const requested = await eventually(async () => {
      const now = gitRepository(sims).metadata.annotations?.[REQUESTED_AT];
      return now !== seeded ? now : undefined;
    }, 30_000);

    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    bot = await startBot(sims, { worker: FAST_STALL });
    const final = await eventually(async () => {
      const r = await bot?.shipmate.pipeline.get(id);
      return r && r.state === 'interrupted' ? r : undefined;
    }, 30_000);
    expect(final.state).toBe('interrupted');
    await waitForCardState(sims.slack, CHANNEL, ts, /^(Interrupted)/i);
    const thread = sims.slack.thread(CHANNEL, ts).map((m) => visibleText(m)).join('\n');
    expect(thread).toMatch(/interrupted/i);
    expect(thread).toMatch(/flux-web/);

    // Not re-run: the survivor does not stamp a new reconcile request.
    await new Promise((r) => setTimeout(r, 3000));
    expect(gitRepository(sims).metadata.annotations?.[REQUESTED_AT]).toBe(requested);
  }, 120_000);
});
