import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REDIS_URL } from '../../support/harness.js';

/** `shipmate demo` as its own OS process, started the way a user starts it. */
export interface DemoProcess {
  child: ChildProcess;
  consoleUrl: string;
  kubeconfigPath: string;
  /** Everything the demo printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code (null when a signal ended it). */
  stop(): Promise<number | null>;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port p with p + 1 free too: the demo serves the console on p and the bot on p + 1. */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const p = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await portIsFree(p)) && (await portIsFree(p + 1))) return p;
  }
  throw new Error('no two consecutive free ports found');
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Spawns `node --import tsx src/cli.ts demo` and resolves once it printed its banner. */
export async function startDemo(opts: { port: number; redisPrefix: string; timeoutMs?: number }): Promise<DemoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], {
    env: { ...process.env, SHIPMATE_DEMO_PORT: String(opts.port), REDIS_URL, SHIPMATE_REDIS_PREFIX: opts.redisPrefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited(child);
  };
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo printed no banner in time:\n${text}`)), opts.timeoutMs ?? 45_000);
      const check = () => {
        if (!/Shipmate demo is running[\s\S]*Ctrl-C/.test(text)) return;
        clearTimeout(timer);
        resolve(text);
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`demo exited with ${code} before it was ready:\n${text}`));
      });
    });
    const consoleUrl = /Slack console:\s+(\S+)/.exec(banner)?.[1];
    const kubeconfigPath = /kubectl --kubeconfig (\S+)/.exec(banner)?.[1];
    if (!consoleUrl || !kubeconfigPath) throw new Error(`cannot read the console URL or kubeconfig from:\n${banner}`);
    return { child, consoleUrl, kubeconfigPath, output: () => text, stop };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
