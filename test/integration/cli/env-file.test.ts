import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/config/example.yaml');
// Resolved from the checkout, since the CLI runs from a directory without node_modules.
const TSX = import.meta.resolve('tsx');
let dir: string;

/** The CLI as a user runs it, from `cwd`, with only the variables given (plus PATH). */
function shipmate(args: string[], env: Record<string, string>, cwd = dir) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipmate-env-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CLI reads .env from the working directory', () => {
  it('takes SHIPMATE_CONFIG from .env, and the environment overrides it', async () => {
    await writeFile(join(dir, '.env'), `SHIPMATE_CONFIG=${FIXTURE}\n`);
    const fromFile = shipmate(['check-config'], {});
    expect(fromFile.err).toBe('');
    expect(fromFile.code).toBe(0);
    const overridden = shipmate(['check-config'], { SHIPMATE_CONFIG: join(dir, 'nowhere.yaml') });
    expect(overridden.code).toBe(1);
    expect(overridden.err).toContain('nowhere.yaml');
  });

  it('start stops with a clear error when SHIPMATE_AUDIT_KEY is missing or short, listing it with the other problems', async () => {
    await writeFile(join(dir, '.env'), '');
    const missing = shipmate(['start'], { SLACK_SIGNING_SECRET: 's' });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('SLACK_BOT_TOKEN');
    expect(missing.err).toMatch(/SHIPMATE_AUDIT_KEY: is required: it keys the audit chain \(generate one with `openssl rand -hex 32`/);
    const short = shipmate(['start'], { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SHIPMATE_AUDIT_KEY: 'short' });
    expect(short.code).toBe(1);
    expect(short.err).toContain('SHIPMATE_AUDIT_KEY: must be at least 32 characters (got 5)');
  });
});
