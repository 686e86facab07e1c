import { git } from './git.js';
import type { RefCommand } from './pkt-line.js';

const ZERO = /^0+$/;

/** One ref update a client asked for, and what the server made of it. */
export interface PushAttempt {
  repo: string;
  ref: string;
  old: string;
  new: string;
  /** The update was not a fast-forward (the client forced it, or pushed over a stale ref). */
  forced: boolean;
  created: boolean;
  deleted: boolean;
  rejected: boolean;
  /** receive-pack's reason when rejected, e.g. "non-fast-forward" or "deletion prohibited". */
  reason?: string;
  user: string;
  at: string;
}

/** Whether `old` is an ancestor of `new` in the repository (objects of a refused push are still there). */
async function fastForward(repoDir: string, old: string, next: string): Promise<boolean> {
  const r = await git(['--git-dir', repoDir, 'merge-base', '--is-ancestor', old, next]);
  return r.code === 0;
}

/** Turn the commands of one receive-pack call plus its report into push attempts. */
export async function pushAttempts(
  repo: string,
  repoDir: string,
  user: string,
  commands: RefCommand[],
  verdicts: Map<string, string | null>,
): Promise<PushAttempt[]> {
  const out: PushAttempt[] = [];
  for (const c of commands) {
    const created = ZERO.test(c.old);
    const deleted = ZERO.test(c.new);
    const forced = !created && !deleted && !(await fastForward(repoDir, c.old, c.new));
    const verdict = verdicts.has(c.ref) ? verdicts.get(c.ref) : 'no report from receive-pack';
    out.push({
      repo,
      ref: c.ref,
      old: c.old,
      new: c.new,
      forced,
      created,
      deleted,
      rejected: verdict !== null && verdict !== undefined,
      ...(verdict ? { reason: verdict } : {}),
      user,
      at: new Date().toISOString(),
    });
  }
  return out;
}
