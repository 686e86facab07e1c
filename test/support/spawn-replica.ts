import { spawn, type ChildProcess } from 'node:child_process';
import type { Sims } from './harness.js';

/** Worker tuning that notices a dead replica's job within seconds. */
export const FAST_STALL = { lockDurationMs: 2000, stalledIntervalMs: 1000 };

/** One Shipmate replica as its own OS process (test/integration/e2e/fixtures/shipmate-replica.ts), so a test can SIGKILL it. */
export function spawnReplica(sims: Pick<Sims, 'processEnv' | 'prefix'>, port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/e2e/fixtures/shipmate-replica.ts'], {
    env: { ...process.env, ...sims.processEnv, PORT: String(port), LOG_LEVEL: 'warn', SHIPMATE_TEST_PREFIX: sims.prefix, SHIPMATE_TEST_WORKER: JSON.stringify(FAST_STALL) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[replica] ${d.toString()}`));
  return child;
}
