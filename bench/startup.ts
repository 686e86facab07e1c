/**
 * Start-up time and idle memory of the built `shipmate start` (targets: ready in under 2 s, idle
 * RSS under 150 MB). Each run spawns `node dist/src/cli.js start` in Socket Mode against slack-sim
 * and kube-sim (started here), times spawn → first `/readyz` 200, then reads VmRSS from /proc
 * after a few seconds of idling. Redis is a private redis-server when one can be started, so the
 * runs neither see nor leave keys in a shared Redis.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startKubeSim } from '../devkit/kube-sim/index.js';
import { startSlackSim } from '../devkit/slack-sim/index.js';
import { startPrivateRedis } from '../src/cli/private-redis.js';
import { freePort } from '../test/support/free-port.js';
import { SIM_GROUPS, SIM_USERS, testConfigYaml } from '../test/support/users.js';
import { cli, ensureBuilt, readyWithin, root, SHIPPED_NODE_ARGS } from './_built-product.js';

const RUNS = 7;
const IDLE_MS = 3_000;
const TARGET_START_MS = 2_000;
const TARGET_RSS_MB = 150;


const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function oneRun(env: Record<string, string>, nodeArgs: readonly string[]): Promise<{ startMs: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'start'], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await readyWithin(port, child, 30_000);
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const rss = await rssMb(child.pid ?? 0);
    return { startMs, rss };
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${stderr}`, { cause: err });
  } finally {
    // A child that already exited (start refused its configuration) emits no second 'exit'.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

export async function run(): Promise<void> {
  await ensureBuilt();
  const redis = await startPrivateRedis();
  const kube = await startKubeSim({ clusters: ['prod', 'dev'], seed: 'demo' });
  const slack = await startSlackSim({ users: SIM_USERS, usergroups: SIM_GROUPS, channels: [{ id: 'C0OPS', name: 'ops' }] });
  try {
    const configPath = join(await mkdtemp(join(tmpdir(), 'shipmate-bench-')), 'shipmate.yaml');
    await writeFile(configPath, testConfigYaml());
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-sim',
      SLACK_APP_TOKEN: 'xapp-sim',
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: redis.url,
      SHIPMATE_CONFIG: configPath,
      KUBECONFIG: kube.kubeconfigPath,
      LOG_LEVEL: 'warn',
      // start refuses to run without an audit key; a throwaway one, the bench never verifies the chain.
      SHIPMATE_AUDIT_KEY: randomBytes(32).toString('hex'),
    };
    // As shipped (npm start, the image's NODE_OPTIONS) and with Node's default flags, for comparison.
    for (const [label, nodeArgs] of [
      [`as shipped: node ${SHIPPED_NODE_ARGS.join(' ')}`, SHIPPED_NODE_ARGS],
      ['plain node (default flags)', []],
    ] as const) {
      const runs: { startMs: number; rss: number }[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await oneRun(env, nodeArgs));
      const start = runs.map((r) => r.startMs);
      const rss = runs.map((r) => r.rss);
      const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER TARGET');
      console.log(`shipmate start, ${label} (node ${process.version}, Socket Mode, ${RUNS} runs, RSS after ${IDLE_MS / 1000} s idle)`);
      console.log(`  start-up (spawn → /readyz 200): median ${median(start).toFixed(0)} ms, max ${Math.max(...start).toFixed(0)} ms  (target < ${TARGET_START_MS} ms: ${verdict(Math.max(...start) < TARGET_START_MS)})`);
      console.log(`  idle RSS:                       median ${median(rss).toFixed(1)} MB, max ${Math.max(...rss).toFixed(1)} MB  (target < ${TARGET_RSS_MB} MB: ${verdict(Math.max(...rss) < TARGET_RSS_MB)})`);
    }
  } finally {
    await slack.stop();
    await kube.stop();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
