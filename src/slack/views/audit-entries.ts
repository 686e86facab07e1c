import type { KnownBlock } from '@slack/types';
import type { AuditRecord } from '../../audit/index.js';
import { enforceLimits, fallbackText } from './limits.js';
import { linesToSections } from './line-list.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, inlineCode, mention, slackDate } from './mrkdwn.js';

/**
 * `/k8s audit`: one line per event, in the order given, with who did what to which target.
 * `title` names what the trail is about, e.g. `api-service prod`.
 */
export function renderAuditEntries(records: readonly AuditRecord[], title?: string): SlackMessage {
  const heading = title ? `Audit trail: ${title}` : 'Audit trail';
  if (records.length === 0) {
    return { text: `${heading}: no entries`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*: no entries` } }] };
  }
  const lines = records.map(({ at, event: e }) => {
    const parts = [slackDate(at), `*${escapeMrkdwn(e.requestId)}*`, `${escapeMrkdwn(e.action)} by ${mention(e.actor)}`];
    if (e.command) parts.push(inlineCode(e.command));
    if (e.target) parts.push(escapeMrkdwn(e.target));
    const note = [e.decision, e.result, e.detail].filter((x): x is string => Boolean(x)).join('; ');
    if (note) parts.push(`_${escapeMrkdwn(note)}_`);
    return parts.join(' · ');
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}* (${records.length})` } },
    ...linesToSections(lines),
  ];
  return { text: fallbackText(`${heading}: ${records.length} entries`), blocks: enforceLimits(blocks) };
}
