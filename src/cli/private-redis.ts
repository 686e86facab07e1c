import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * For the demo only: a throwaway redis-server on a free loopback port, nothing persisted, with the
 * `noeviction` policy BullMQ requires. Returns its URL and a stop function.
 */
export async function startPrivateRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-demo-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const failed = new Promise<never>((_, reject) => child.once('error', reject));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The server is gone (and its port free) before its directory is removed.
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill(signal);
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 50; i++) {
      if (await Promise.race([redisAnswers(url), failed])) return { url, stop: () => stop() };
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  await stop('SIGKILL');
  throw new Error('redis-server did not start');
}
