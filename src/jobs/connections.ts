import type { Redis } from 'ioredis';

/**
 * Opens a dedicated Redis connection for one purpose (a BullMQ queue or worker, a pub/sub
 * subscriber). Only main.ts makes one (tests pass their own, to count or to point elsewhere);
 * whoever asks for a connection closes it. BullMQ needs `maxRetriesPerRequest: null` on it.
 */
export type OpenRedis = (purpose: string) => Redis;
