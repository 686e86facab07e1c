import { Redis } from 'ioredis';
import { ensureTools } from '../../scripts/tools.js';

/**
 * Integration tests need real Redis and the real kubectl/helm binaries. A missing Redis fails the
 * run loudly instead of skipping: a green run without Redis would prove nothing.
 */
export default async function setup(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING answer ${pong}`);
  } catch (err) {
    throw new Error(
      `Integration tests need a real Redis at ${url} (set REDIS_URL, or run .ci/run which starts one): ${String(err)}`,
      { cause: err },
    );
  } finally {
    redis.disconnect();
  }
  await ensureTools();
}
