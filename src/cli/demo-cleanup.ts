import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * Undo steps of one demo run, run newest first. Every step runs even when an earlier one fails, so
 * a half-started demo still releases its ports, processes, keys and temporary directories.
 */
export interface Cleanup {
  add(label: string, step: () => Promise<void> | void): void;
  /** Runs every step once; later calls wait for the first. Returns what failed, for the message. */
  run(): Promise<string[]>;
}

export function createCleanup(): Cleanup {
  const steps: { label: string; step: () => Promise<void> | void }[] = [];
  let running: Promise<string[]> | undefined;
  async function runAll(): Promise<string[]> {
    const failed: string[] = [];
    for (const { label, step } of steps.reverse()) {
      try {
        await step();
      } catch (err) {
        failed.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return failed;
  }
  return {
    add: (label, step) => void steps.push({ label, step }),
    run: () => (running ??= runAll()),
  };
}

/** Deletes every key of one demo run (`${prefix}:*`). */
export async function deleteRunKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The ports of `ports` something already listens on (checked on every interface, as the bot binds). */
export async function busyPorts(ports: readonly number[]): Promise<number[]> {
  const busy: number[] = [];
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, () => srv.close(() => resolve(true)));
    });
    if (!free) busy.push(port);
  }
  return busy;
}
