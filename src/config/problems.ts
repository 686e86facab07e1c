import { ShipmateError } from '../core/errors.js';

/** One thing wrong with the configuration, at a dotted path such as `environments.prod.cluster`. */
export interface ConfigProblem {
  path: string;
  message: string;
  hint?: string;
}

export type ConfigResult<T> = { ok: true; config: T; warnings: string[] } | { ok: false; problems: ConfigProblem[] };

/** `path: message (hint)` — the one format used by check-config, start-up and tests. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.path === '' ? '(root)' : p.path;
  return p.hint ? `${where}: ${p.message} (${p.hint})` : `${where}: ${p.message}`;
}

/** Start-up stops with this, listing every problem at once. */
export class ConfigError extends ShipmateError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[], what = 'configuration') {
    super('config', `invalid ${what}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.problems = problems;
  }
}

/** `['environments', 'prod', 'cluster']` → `environments.prod.cluster`; array indexes as `[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}
