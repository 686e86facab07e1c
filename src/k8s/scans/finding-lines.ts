import { describeFinding, sortFindings, type Finding, type Severity } from './finding.js';

const MARK: Record<Severity, string> = { critical: ':red_circle:', warn: ':large_yellow_circle:' };

/** Bulleted mrkdwn lines, critical first. */
export function findingLines(findings: readonly Finding[]): string[] {
  return sortFindings(findings).map((f) => `• ${MARK[f.severity]} ${escapeMrkdwn(describeFinding(f))}`);
}

/** Plain-text lines for file attachments (no emoji codes). */
export function findingPlainLines(findings: readonly Finding[]): string[] {
  return sortFindings(findings).map((f) => `${f.severity.toUpperCase().padEnd(8)} ${describeFinding(f)}`);
}

/**
 * Object names and certificate subjects come from the cluster: `<`, `>` and `&` must not be able
 * to form Slack mentions or links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
