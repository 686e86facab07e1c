import { parseDocument } from 'yaml';
import type { ShipmateConfig } from './types.js';
import type { ConfigProblem, ConfigResult } from './problems.js';
import { configSchema } from './schema.js';
import { stripSecrets } from './secrets.js';
import { issuesToProblems } from './zod-problems.js';
import { configWarnings, crossReferenceProblems } from './cross-refs.js';
import { nameProblems } from './names.js';

function yamlProblems(text: string, source: string): { doc: unknown; problems: ConfigProblem[] } {
  // uniqueKeys (the default) makes a duplicated key an error instead of a silent override.
  const document = parseDocument(text, { prettyErrors: true });
  const problems = document.errors.map((e): ConfigProblem => {
    const pos = e.linePos?.[0];
    const at = pos ? `${source}:${pos.line}:${pos.col}` : source;
    return { path: at, message: `YAML syntax: ${(e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '')}` };
  });
  return { doc: problems.length ? undefined : document.toJS({ maxAliasCount: 100 }), problems };
}

/**
 * Parses and validates shipmate.yaml text (DESIGN.md §2). Never throws: returns every problem with
 * its YAML path and a hint, or the typed configuration plus warnings.
 */
export function parseConfig(yamlText: string, source = 'shipmate.yaml'): ConfigResult<ShipmateConfig> {
  let parsed: { doc: unknown; problems: ConfigProblem[] };
  try {
    parsed = yamlProblems(yamlText, source);
  } catch (err) {
    // e.g. alias bombs exceeding maxAliasCount
    return { ok: false, problems: [{ path: source, message: `YAML: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  if (parsed.doc === null || parsed.doc === undefined) {
    return { ok: false, problems: [{ path: source, message: 'the file is empty', hint: 'start from shipmate.example.yaml' }] };
  }
  const { value, problems } = stripSecrets(parsed.doc);
  const result = configSchema.safeParse(value, { reportInput: true });
  if (!result.success) problems.push(...issuesToProblems(configSchema, result.error.issues));
  problems.push(...nameProblems(value), ...crossReferenceProblems(value));
  if (!result.success || problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return { ok: true, config: result.data, warnings: configWarnings(result.data) };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
