import type { OperationFile, OperationResult, ResultItem } from '../../core/plan.js';
import { fitItems } from '../scans/finding-lines.js';
import { countBySeverity, type CheckResult, type PreflightFinding } from './check-result.js';

const MARK = { blocker: 'critical', warning: 'warning' } as const;
const ORDER = { blocker: 0, warning: 1 } as const;

const sorted = (findings: readonly PreflightFinding[]): PreflightFinding[] => [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function checkTitle(check: CheckResult): string {
  if (check.skipped) return `${check.title}: skipped`;
  const { blocker, warning } = countBySeverity([check]);
  if (!blocker && !warning) return `${check.title}: OK`;
  return `${check.title}: ${[blocker ? plural(blocker, 'blocker') : '', warning ? plural(warning, 'warning') : ''].filter(Boolean).join(', ')}`;
}

function plainLines(check: CheckResult): string[] {
  if (check.skipped) return [`  ${check.skipped}`];
  return [...sorted(check.findings).map((f) => `  ${f.severity.toUpperCase().padEnd(8)} ${f.text}`), ...check.notes.map((n) => `  (${n})`)];
}

export interface PreflightReportInput {
  env: string;
  namespace: string;
  toVersion: string;
  checks: readonly CheckResult[];
  /** Findings per section before the rest moves into the attached file. */
  maxInlineLines?: number;
}

/** The summary line, one section per check (long ones cut short) and, when anything was cut, the full report as a file. */
export function renderPreflight(input: PreflightReportInput): OperationResult {
  const { blocker, warning } = countBySeverity(input.checks);
  const ready = blocker === 0;
  const where = `${input.env} (namespace ${input.namespace})`;
  const summary = ready
    ? `${where} is ready for Kubernetes ${input.toVersion}${warning ? ` (${plural(warning, 'warning')})` : ''}`
    : `${where} is not ready for Kubernetes ${input.toVersion}: ${plural(blocker, 'blocker')}${warning ? `, ${plural(warning, 'warning')}` : ''}`;
  let cut = false;
  const sections = input.checks.map((check) => {
    const items: ResultItem[] = check.skipped ? [{ mark: 'note', text: check.skipped }] : sorted(check.findings).map((f) => ({ mark: MARK[f.severity], text: f.text }));
    const fitted = fitItems(items, input.maxInlineLines ?? 15);
    cut ||= fitted.hidden > 0;
    const notes: ResultItem[] = check.skipped ? [] : check.notes.map((n) => ({ mark: 'note', text: n }));
    return { title: checkTitle(check), text: '', items: [...fitted.shown, ...notes], hidden: fitted.hidden };
  });
  const files: OperationFile[] = [];
  if (cut) {
    const content = [summary, '', ...input.checks.flatMap((c) => [checkTitle(c), ...plainLines(c), ''])].join('\n');
    files.push({ filename: `preflight-${input.env}-${input.toVersion}.txt`, title: `Preflight of ${input.env} for ${input.toVersion}`, content });
  }
  return { outcome: 'succeeded', summary, sections, files, facts: { toVersion: input.toVersion, ready, blockers: blocker, warnings: warning } };
}
