import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OpenRedis } from './connections.js';

export interface CancelMessage {
  requestId: string;
  user: string;
}

/**
 * BullMQ's cancelJob only aborts in the worker that calls it, so a cancel is broadcast over Redis
 * pub/sub and every replica aborts the request if it runs it.
 */
export interface CancelBus {
  publish(msg: CancelMessage): Promise<void>;
  /** Starts listening; resolves once subscribed, so a cancel published afterwards is never missed. */
  listen(onCancel: (msg: CancelMessage) => void): Promise<void>;
  close(): Promise<void>;
}

export function createCancelBus(opts: { redis: Redis; connect: OpenRedis; channel: string; logger: Logger }): CancelBus {
  let subscriber: Redis | null = null;
  return {
    async publish(msg) {
      await opts.redis.publish(opts.channel, JSON.stringify(msg));
    },
    async listen(onCancel) {
      subscriber = opts.connect('cancel-subscriber');
      subscriber.on('message', (channel: string, raw: string) => {
        if (channel !== opts.channel) return;
        try {
          onCancel(JSON.parse(raw) as CancelMessage);
        } catch (err) {
          opts.logger.warn({ err }, 'ignored a malformed cancel message');
        }
      });
      await subscriber.subscribe(opts.channel);
    },
    async close() {
      if (subscriber) await subscriber.quit();
      subscriber = null;
    },
  };
}
