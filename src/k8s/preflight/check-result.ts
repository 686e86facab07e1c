/** Blockers stop an upgrade (or break it half-way); warnings deserve a look first. */
export type PreflightSeverity = 'blocker' | 'warning';

export interface PreflightFinding {
  severity: PreflightSeverity;
  text: string;
}

/** One preflight check: what it found, plus neutral notes on what it looked at. */
export interface CheckResult {
  title: string;
  findings: PreflightFinding[];
  notes: string[];
  /** Set when the check could not run here (e.g. Velero not installed); said politely, not as a finding. */
  skipped?: string;
}

export const blocker = (text: string): PreflightFinding => ({ severity: 'blocker', text });
export const warning = (text: string): PreflightFinding => ({ severity: 'warning', text });

export function countBySeverity(checks: readonly CheckResult[]): Record<PreflightSeverity, number> {
  const all = checks.flatMap((c) => c.findings);
  return { blocker: all.filter((f) => f.severity === 'blocker').length, warning: all.filter((f) => f.severity === 'warning').length };
}
