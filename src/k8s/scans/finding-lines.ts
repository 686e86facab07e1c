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

/** Slack rejects section text over 3,000 characters; stay clear of it with room for a heading. */
export const SECTION_CHAR_BUDGET = 2_800;

/**
 * The lines that fit in one message section (by count and by characters), plus a pointer to the
 * attached file for the rest. `hidden` > 0 means the caller must attach the full list.
 */
export function fitLines(lines: readonly string[], maxLines: number, maxChars = SECTION_CHAR_BUDGET): { shown: string[]; hidden: number } {
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (shown.length >= maxLines || used + line.length + 1 > maxChars - 60) break;
    shown.push(line);
    used += line.length + 1;
  }
  const hidden = lines.length - shown.length;
  if (hidden > 0) shown.push(`…and ${hidden} more in the attached file`);
  return { shown, hidden };
}
