import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
let copy: string;

/** What `npx shipmate` runs: node on the script package.json names as the bin. */
async function runBin(args: string[]) {
  const pkg = JSON.parse(await readFile(join(copy, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const r = spawnSync(process.execPath, [join(copy, pkg.bin['shipmate']!), ...args], { cwd: copy, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A checkout as `npm ci` leaves it: sources and node_modules, no dist/.
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'shipmate-bin-'));
  await copyFile(join(ROOT, 'package.json'), join(copy, 'package.json'));
  await mkdir(join(copy, 'bin'));
  await copyFile(join(ROOT, 'bin/shipmate.js'), join(copy, 'bin/shipmate.js'));
  for (const dir of ['src', 'node_modules']) await symlink(join(ROOT, dir), join(copy, dir), 'dir');
});
afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('the shipmate bin', () => {
  it('runs the TypeScript source through tsx when there is no build', async () => {
    const r = await runBin(['help']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: shipmate <command>/);
    const unknown = await runBin(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });

  it('runs the build when dist/src/cli.js exists, except for sandbox and demo', async () => {
    await mkdir(join(copy, 'dist/src'), { recursive: true });
    await writeFile(join(copy, 'dist/src/cli.js'), "console.log('built cli:', process.argv.slice(2).join(' '));\n");
    try {
      const r = await runBin(['audit', 'verify']);
      expect(r.out).toBe('built cli: audit verify\n');
      expect(r.code).toBe(0);
      // sandbox and demo need devkit/, which only the source has: they never run the build here.
      const sandbox = await runBin(['sandbox', '--port', 'abc']);
      expect(sandbox.err).toBe('--port must be an integer from 1 to 65535, got "abc"\n');
      expect(sandbox.code).toBe(1);
    } finally {
      await rm(join(copy, 'dist'), { recursive: true, force: true });
    }
  });
});
