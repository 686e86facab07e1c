/** One job running in this process: how to stop it, and who asked. */
export interface RunningJob {
  readonly signal: AbortSignal;
  /** Who cancelled it, once someone did. */
  readonly cancelledBy: string | null;
  /** The target lock vanished mid-job: the job must stop acting on the target. */
  readonly lockLost: boolean;
  /** Stops the job because its lock is gone (or for another reason BullMQ gave). */
  stop(reason?: unknown, lockLost?: boolean): void;
  /** Forgets the job (it finished). */
  done(): void;
}

/**
 * The requests running in this process, by id: what a broadcast cancel aborts. Only the op
 * processor registers jobs and only the cancel listener cancels them.
 */
export interface RunningJobs {
  start(requestId: string): RunningJob;
  /** Aborts the request if it runs here; false when it does not. */
  cancel(requestId: string, user: string): boolean;
}

export function createRunningJobs(): RunningJobs {
  const jobs = new Map<string, { controller: AbortController; cancelledBy: string | null; lockLost: boolean }>();
  return {
    start(requestId) {
      const entry = { controller: new AbortController(), cancelledBy: null as string | null, lockLost: false };
      jobs.set(requestId, entry);
      return {
        signal: entry.controller.signal,
        get cancelledBy() {
          return entry.cancelledBy;
        },
        get lockLost() {
          return entry.lockLost;
        },
        stop(reason, lockLost = false) {
          if (lockLost) entry.lockLost = true;
          entry.controller.abort(reason);
        },
        done: () => {
          if (jobs.get(requestId) === entry) jobs.delete(requestId);
        },
      };
    },
    cancel(requestId, user) {
      const entry = jobs.get(requestId);
      if (!entry) return false;
      entry.cancelledBy = user;
      entry.controller.abort();
      return true;
    },
  };
}
