import { readFile, writeFile } from 'node:fs/promises';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditKey } from '../audit/audit-record.js';
import { exportLines, verifyExport } from '../audit/audit-export.js';
import type { AuditVerifyResult } from '../audit/audit-verify.js';

export interface AuditCliDeps {
  auditLog: AuditLog;
  /** SHIPMATE_AUDIT_KEY, for `verify --file`. */
  auditKey: AuditKey;
  /** Where the records live, e.g. `shipmate:audit`, named when nothing is found there. */
  source: string;
  out(line: string): void;
  err(line: string): void;
  /** For relative `--since 24h`; defaults to the wall clock. */
  now?: () => Date;
}

const USAGE = 'usage: shipmate audit export [--since <ISO time>|<N>(m|h|d)] [--output <file>] | shipmate audit verify [--file <export.jsonl>]';
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `--since`: an ISO time, or a duration back from now such as `24h`, `30m`, `7d`. */
export function parseSince(value: string, now: Date): Date | null {
  const rel = /^(\d+)([mhd])$/.exec(value);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNITS[rel[2]!]!);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

function parseFlags(args: string[], known: readonly string[]): { flags: Map<string, string>; bad: string | null } {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') ? a.slice(2).split('=', 2) : [undefined, undefined];
    if (!name || !known.includes(name)) return { flags, bad: `unknown argument ${a}` };
    const value = inline ?? args[++i];
    if (value === undefined) return { flags, bad: `--${name} needs a value` };
    flags.set(name, value);
  }
  return { flags, bad: null };
}

/** `shipmate audit export|verify`. Exit codes: 0 fine, 1 the chain has problems, 2 usage. */
export async function runAudit(argv: string[], deps: AuditCliDeps): Promise<number> {
  const args = argv[0] === 'audit' ? argv.slice(1) : argv;
  const [sub, ...rest] = args;
  if (sub !== 'export' && sub !== 'verify') {
    deps.err(USAGE);
    return 2;
  }
  const { flags, bad } = parseFlags(rest, sub === 'export' ? ['since', 'output'] : ['file']);
  if (bad) {
    deps.err(`${bad}\n${USAGE}`);
    return 2;
  }
  if (sub === 'verify') return verify(deps, flags.get('file'));
  const sinceText = flags.get('since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, (deps.now ?? (() => new Date()))());
  if (since === null) {
    deps.err(`--since: "${sinceText}" is neither an ISO time nor a duration like 24h`);
    return 2;
  }
  const records = await deps.auditLog.read(since ? { since } : {});
  // Anchors go into the export so the file can be verified on its own, away from Redis.
  const lines = exportLines(records, await deps.auditLog.anchors());
  const output = flags.get('output');
  if (output) {
    await writeFile(output, lines.length ? `${lines.join('\n')}\n` : '');
    deps.err(`exported ${lines.length} record(s) to ${output}`);
  } else {
    for (const line of lines) deps.out(line);
  }
  return 0;
}

async function verify(deps: AuditCliDeps, file: string | undefined): Promise<number> {
  let result: AuditVerifyResult;
  if (file === undefined) {
    result = await deps.auditLog.verify();
  } else {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      deps.err(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return 2;
    }
    result = verifyExport(text, deps.auditKey);
  }
  if (result.checked === 0 && result.ok) {
    // An empty log proves nothing: usually the wrong SHIPMATE_REDIS_PREFIX or file.
    deps.err(`no audit records found in ${file ?? deps.source}: nothing was verified (is ${file ? 'the file' : 'SHIPMATE_REDIS_PREFIX'} right?)`);
    return 1;
  }
  if (result.ok) {
    deps.out(`audit chain intact: ${result.checked} record(s) checked`);
    return 0;
  }
  deps.out(`audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} record(s)`);
  for (const p of result.problems) {
    const where = [p.seq !== undefined ? `seq ${p.seq}` : null, p.id ? `id ${p.id}` : null].filter(Boolean).join(', ');
    deps.out(`${p.kind}${where ? ` (${where})` : ''}: ${p.message}`);
  }
  if (result.where) deps.out(result.where);
  return 1;
}
