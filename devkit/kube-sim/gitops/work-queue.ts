/**
 * Per-object async work, as a controller-runtime work queue does it: one reconcile per key at a
 * time, a key enqueued while it runs is run again afterwards, and delayed requeues keep only the
 * earliest time asked for.
 */
export class WorkQueue {
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly onError: (key: string, err: unknown) => void,
  ) {}

  enqueue(key: string, delayMs = 0): void {
    if (this.stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.fire(key);
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(key, { at, timer });
  }

  private fire(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    this.running.add(key);
    this.work(key)
      .catch((err: unknown) => this.onError(key, err))
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.enqueue(key, 0);
      });
  }

  /** Whether a reconcile runs, or one is due within `windowMs` (periodic requeues further out do not count). */
  busy(windowMs: number): boolean {
    const horizon = Date.now() + windowMs;
    return this.running.size > 0 || this.again.size > 0 || [...this.timers.values()].some((t) => t.at <= horizon);
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
