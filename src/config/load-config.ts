import { readFile } from 'node:fs/promises';
import type { ShipmateConfig } from './types.js';
import type { ConfigResult } from './problems.js';
import { parseConfig } from './parse-config.js';

/** Reads and validates the configuration file; a missing or unreadable file is one clear problem. */
export async function loadConfig(path: string): Promise<ConfigResult<ShipmateConfig>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? 'error'})`;
    return { ok: false, problems: [{ path, message, hint: 'set SHIPMATE_CONFIG or pass the path; shipmate.example.yaml is a starting point' }] };
  }
  return parseConfig(text, path);
}
