/**
 * Benchmarks that measure `shipmate start` run the built product the way `npm start` and the
 * image do: `node --max-semi-space-size=1 dist/src/cli.js start`, rebuilt first when any source
 * file is newer than the build.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cli = join(root, 'dist', 'src', 'cli.js');
/** The flags of `npm start` (package.json) and of the image's NODE_OPTIONS (Dockerfile). */
export const SHIPPED_NODE_ARGS = ['--max-semi-space-size=1'] as const;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
  }
  return newest;
}

/** `npm run build` when dist/ is missing or older than src/. tsc still emits when some file has a type error. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestSource(join(root, 'src'))) return;
  console.log('dist/ is missing or older than src/: npm run build …');
  await promisify(execFile)('npm', ['run', 'build'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch((err: unknown) => {
    if (!existsSync(cli)) throw err;
    console.log('(tsc reported errors but emitted dist/src/cli.js; measuring that build)');
  });
}

/** Resolves at the first `/readyz` 200; rejects when the process exits or the time runs out. */
export async function readyWithin(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`shipmate start exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`/readyz did not answer 200 within ${timeoutMs} ms`);
}
