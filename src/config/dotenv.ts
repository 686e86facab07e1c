import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface DotEnvResult {
  path: string;
  /** Variables taken from the file (the ones the environment did not already set). */
  applied: string[];
}

/**
 * Reads `.env` from the working directory when it exists. The environment wins over the file: a
 * variable already set (even to "") is left alone, so `FOO=x shipmate start` overrides `.env`.
 * Node's own parser (util.parseEnv, the one behind --env-file) keeps the syntax standard.
 */
export function loadDotEnv(opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): DotEnvResult | null {
  const path = resolve(opts.cwd ?? process.cwd(), '.env');
  const env = opts.env ?? process.env;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return { path, applied };
}
