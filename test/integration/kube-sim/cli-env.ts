import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { KubectlResult } from './kubectl.js';

const run = promisify(execFile);

/** Run a real CLI (kubectl, helm) with an argv array and extra environment; never through a shell. */
export async function runTool(path: string, args: string[], env: Record<string, string> = {}): Promise<KubectlResult> {
  try {
    const { stdout, stderr } = await run(path, args, { timeout: 60_000, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
