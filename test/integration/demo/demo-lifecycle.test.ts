import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../support/harness.js';
import { freePortPair, startDemo } from './demo-process.js';

const redis = new Redis(REDIS_URL);
const prefix = uniquePrefix('demo-lifecycle');

afterAll(async () => {
  await deleteKeys(REDIS_URL, prefix);
  await redis.quit();
});

async function keysUnder(p: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}:*`, 'COUNT', 500);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe('shipmate demo, started and stopped as a process', () => {
  it('with its bot port taken, names the port and SHIPMATE_DEMO_PORT and exits 1 having started nothing', async () => {
    const port = await freePortPair();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port + 1, resolve));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], {
        env: { ...process.env, SHIPMATE_DEMO_PORT: String(port), REDIS_URL, SHIPMATE_REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      // A demo that hangs on its open servers never exits: end it so the assertion below says so.
      const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearTimeout(guard);
      expect(text).toContain(`port ${port + 1} is already in use`);
      expect(text).toContain('Set SHIPMATE_DEMO_PORT to another first port');
      expect(code).toBe(1);
      expect(text).not.toContain('Shipmate demo is running');
    } finally {
      blocker.close();
    }
  });

  it('runs under a prefix of its own and removes its keys and files on SIGTERM', async () => {
    const demo = await startDemo({ port: await freePortPair(), redisPrefix: prefix });
    let stopped = false;
    try {
      const runPrefix = /SHIPMATE_REDIS_PREFIX=(\S+)/.exec(demo.output())?.[1] ?? '';
      expect(runPrefix).toMatch(new RegExp(`^${prefix}-[0-9a-f]{6}$`));
      expect(await keysUnder(runPrefix)).toBeGreaterThan(0);
      expect(await exists(demo.kubeconfigPath)).toBe(true);
      const code = await demo.stop();
      stopped = true;
      expect(code).toBe(0);
      expect(await keysUnder(runPrefix)).toBe(0);
      expect(await exists(dirname(demo.kubeconfigPath))).toBe(false);
    } finally {
      if (!stopped) await demo.stop();
    }
  });
});
