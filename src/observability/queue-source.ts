import type { QueueCounts, QueueSource, QueueState } from './metrics.js';

/** The slice of a BullMQ `Queue` the gauges read; structural, so observability/ imports no bullmq. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: QueueState[]): Promise<Record<string, number>>;
}

const STATES: QueueState[] = ['waiting', 'active', 'delayed', 'failed', 'completed'];

/** A `QueueSource` over BullMQ queues: one `getJobCounts` round trip per queue per scrape. */
export function queueCountsSource(queues: readonly CountableQueue[]): QueueSource {
  return async () =>
    Promise.all(
      queues.map(async (q): Promise<QueueCounts> => {
        const counts = await q.getJobCounts(...STATES);
        return { queue: q.name, counts: Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) };
      }),
    );
}
