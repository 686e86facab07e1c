import type { HelmRelease } from './release-record.js';

/** Go's time.ANSIC as `helm history` prints it, in UTC (e.g. `Mon Nov 30 10:00:00 2026`). */
function ansic(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '-';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] ?? '';
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()] ?? '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/**
 * The columns of `helm history` (REVISION, UPDATED, STATUS, CHART, APP VERSION, DESCRIPTION),
 * oldest first as helm prints them, padded to the widest cell. Plain text: views escape it.
 */
export function helmHistoryTable(revisions: readonly HelmRelease[]): string {
  const header = ['REVISION', 'UPDATED (UTC)', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'];
  const rows = revisions.map((r) => [String(r.version), ansic(r.updated), r.status, r.chart, r.appVersion, r.description]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
