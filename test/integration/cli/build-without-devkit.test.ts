import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
let out: string;

/** Every file under `dir`, relative to it. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

// The production build as `npm run build` makes it, into a directory laid out like the image.
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'shipmate-build-'));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(out, 'dist')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  await copyFile(join(ROOT, 'package.json'), join(out, 'package.json'));
  await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
}, 180_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the production build', () => {
  it('holds no devkit code', async () => {
    const built = await files(join(out, 'dist'));
    expect(built).toContain('src/cli.js');
    expect(built.filter((f) => f.startsWith('devkit/') || /kube-sim|slack-sim/.test(f))).toEqual([]);
  });

  it.each(['sandbox', 'demo'])('answers `%s` clearly: it needs a development checkout', (command) => {
    const r = spawnSync(process.execPath, [join(out, 'dist/src/cli.js'), command], {
      cwd: out,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      // A build that still holds devkit would start serving and never return.
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^the ${command} needs a development checkout: the simulators \\(devkit/\\) are not part of the build`));
  });
});
