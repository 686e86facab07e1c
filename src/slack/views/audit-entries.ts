import type { KnownBlock } from '@slack/types';
import { enforceLimits, fallbackText } from './limits.js';
import { linesToSections } from './line-list.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, mention, slackDate } from './mrkdwn.js';

/** The fields of an audit record that `/k8s audit` shows; audit/'s records have this shape. */
export interface AuditEntryView {
  seq?: number;
  at: string;
  requestId: string;
  actor: string;
  action: string;
  command?: string;
  target?: string;
  detail?: string;
}

/** `/k8s audit`: one line per event, newest last, with who did what to which target. */
export function renderAuditEntries(entries: readonly AuditEntryView[], opts: { title?: string } = {}): SlackMessage {
  const title = opts.title ?? 'Audit trail';
  if (entries.length === 0) {
    return { text: `${title}: no entries`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*: no entries` } }] };
  }
  const lines = entries.map((e) => {
    const actor = /^[UW][A-Z0-9]+$/.test(e.actor) ? mention(e.actor) : escapeMrkdwn(e.actor);
    const parts = [slackDate(e.at), `*${escapeMrkdwn(e.requestId)}*`, `${escapeMrkdwn(e.action)} by ${actor}`];
    if (e.command) parts.push(`\`${escapeMrkdwn(e.command)}\``);
    if (e.target) parts.push(escapeMrkdwn(e.target));
    if (e.detail) parts.push(`_${escapeMrkdwn(e.detail)}_`);
    return parts.join(' · ');
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}* (${entries.length})` } },
    ...linesToSections(lines),
  ];
  return { text: fallbackText(`${title}: ${entries.length} entries`), blocks: enforceLimits(blocks) };
}
