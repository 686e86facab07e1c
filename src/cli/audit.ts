import { writeFile } from 'node:fs/promises';
import type { AuditLog } from '../audit/audit-log.js';

export interface AuditCliDeps {
  auditLog: AuditLog;
  out(line: string): void;
  err(line: string): void;
  /** For relative `--since 24h`; defaults to the wall clock. */
  now?: () => Date;
}

const USAGE = 'usage: shipmate audit export [--since <ISO time>|<N>(m|h|d)] [--output <file>] | shipmate audit verify';
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `--since`: an ISO time, or a duration back from now such as `24h`, `30m`, `7d`. */
export function parseSince(value: string, now: Date): Date | null {
  const rel = /^(\d+)([mhd])$/.exec(value);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNITS[rel[2]!]!);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

function parseFlags(args: string[]): { flags: Map<string, string>; bad: string | null } {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') ? a.slice(2).split('=', 2) : [undefined, undefined];
    if (!name || !['since', 'output'].includes(name)) return { flags, bad: `unknown argument ${a}` };
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
  if (sub === 'verify' && rest.length === 0) return verify(deps);
  if (sub !== 'export') {
    deps.err(USAGE);
    return 2;
  }
  const { flags, bad } = parseFlags(rest);
  if (bad) {
    deps.err(`${bad}\n${USAGE}`);
    return 2;
  }
  const sinceText = flags.get('since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, (deps.now ?? (() => new Date()))());
  if (since === null) {
    deps.err(`--since: "${sinceText}" is neither an ISO time nor a duration like 24h`);
    return 2;
  }
  const records = await deps.auditLog.read(since ? { since } : {});
  const lines = records.map((r) => JSON.stringify(r));
  const output = flags.get('output');
  if (output) {
    await writeFile(output, lines.length ? `${lines.join('\n')}\n` : '');
    deps.err(`exported ${lines.length} record(s) to ${output}`);
  } else {
    for (const line of lines) deps.out(line);
  }
  return 0;
}

async function verify(deps: AuditCliDeps): Promise<number> {
  const result = await deps.auditLog.verify();
  if (result.ok) {
    deps.out(`audit chain intact: ${result.checked} record(s) checked`);
    return 0;
  }
  deps.out(`audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} record(s)`);
  for (const p of result.problems) {
    const where = [p.seq !== undefined ? `seq ${p.seq}` : null, p.id ? `id ${p.id}` : null].filter(Boolean).join(', ');
    deps.out(`${p.kind}${where ? ` (${where})` : ''}: ${p.message}`);
  }
  return 1;
}
