import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from '../../../src/config/dotenv.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipmate-dotenv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadDotEnv', () => {
  it('returns null when there is no .env', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv({ cwd: dir, env })).toBeNull();
    expect(env).toEqual({});
  });

  it('fills unset variables from .env; the environment wins, even when set to ""', async () => {
    await writeFile(join(dir, '.env'), '# comment\nLOG_LEVEL=debug\nPORT=4000\nSHIPMATE_CONFIG="/etc/shipmate/a b.yaml"\nREDIS_URL=redis://from-file:6379\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000', REDIS_URL: '' };
    const result = loadDotEnv({ cwd: dir, env });
    expect(result?.applied.sort()).toEqual(['LOG_LEVEL', 'SHIPMATE_CONFIG']);
    expect(env).toEqual({ PORT: '5000', REDIS_URL: '', LOG_LEVEL: 'debug', SHIPMATE_CONFIG: '/etc/shipmate/a b.yaml' });
  });
});
