import type { ChannelGroup, ChannelMessage } from '../../core/notifier.js';
import type { ResultItem } from '../../core/plan.js';
import type { Finding } from '../../k8s/scans/finding.js';
import { findingItems, findingPlainLines, fitItems } from '../../k8s/scans/finding-lines.js';
import { describeFinding, sortFindings } from '../../k8s/scans/finding.js';
import type { AlertEvent, AlertEventKind } from './alert-state.js';
import type { OwnerIndex } from './owners.js';

export interface AlertMessageOptions {
  /** `Certificate` or `Quota`: the first word of the headline. */
  title: string;
  /** Which scan and schedule posted it, e.g. `certificates scan (schedule "0 9 * * 1-5", Europe/Berlin)`. */
  source?: string;
  events: readonly AlertEvent[];
  owners: OwnerIndex;
  /** More lines than this in total and the full list goes into a file (default 25). */
  maxInlineLines?: number;
  /** Used in the file name, e.g. the run's scheduled time. */
  runLabel: string;
}

const GROUPS: { kind: AlertEventKind; heading: string }[] = [
  { kind: 'new', heading: 'New' },
  { kind: 'escalated', heading: 'Escalated to critical' },
  { kind: 'reminder', heading: 'Still open' },
  { kind: 'resolved', heading: 'Resolved' },
];

/** One grouped message (as data: slack/views renders it) for a channel and run, or null when nothing changed. */
export function buildAlertMessage(options: AlertMessageOptions): ChannelMessage | null {
  if (options.events.length === 0) return null;
  const maxInline = options.maxInlineLines ?? 25;
  const found = GROUPS.map((g) => ({ ...g, findings: sortFindings(options.events.filter((e) => e.kind === g.kind).map((e) => e.finding)) }))
    .filter((g) => g.findings.length > 0);
  const total = found.reduce((n, g) => n + g.findings.length, 0);
  const perGroup = total > maxInline ? Math.max(3, Math.floor(maxInline / found.length)) : maxInline;

  const groups: ChannelGroup[] = found.map((g) => {
    const items: ResultItem[] = g.kind === 'resolved' ? g.findings.map((f) => ({ mark: 'resolved', text: describeFinding(f) })) : findingItems(g.findings);
    const { shown, hidden } = fitItems(items, perGroup);
    return { heading: g.heading, total: g.findings.length, items: shown, hidden };
  });
  const open = options.events.filter((e) => e.kind !== 'resolved').map((e) => e.finding);
  const mentions = ownersOf(open, options.owners);

  const counts = found.map((g) => `${g.findings.length} ${g.heading.toLowerCase()}`).join(', ');
  const message: ChannelMessage = { text: `${options.title} alerts: ${counts}`, groups, mentions };
  if (options.source) message.source = options.source;
  if (groups.some((g) => g.hidden > 0)) message.file = alertFile(options.title, options.runLabel, found);
  return message;
}

function ownersOf(findings: readonly Finding[], index: OwnerIndex): string[] {
  const owners = new Set<string>();
  for (const f of findings) for (const o of index.ownersOf(f.cluster, f.namespace)) owners.add(o);
  return [...owners].sort();
}

function alertFile(title: string, runLabel: string, groups: { heading: string; findings: Finding[] }[]) {
  const body = groups.map((g) => `## ${g.heading} (${g.findings.length})\n${findingPlainLines(g.findings).join('\n')}`).join('\n\n');
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { filename: `${slug}-alerts-${runLabel}.txt`, title: `${title} alerts, full list`, content: `${body}\n` };
}
