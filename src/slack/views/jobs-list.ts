import type { KnownBlock } from '@slack/types';
import type { RequestRecord } from '../../core/request.js';
import { describeTarget } from '../../core/target.js';
import { enforceLimits, fallbackText } from './limits.js';
import { linesToSections } from './line-list.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';
import { stateLabel } from './state-label.js';

/** `/k8s jobs`: one line per request with its state, requester, target and latest status. */
export function renderJobsList(records: readonly RequestRecord[], opts: { title?: string } = {}): SlackMessage {
  const title = opts.title ?? 'Active requests';
  if (records.length === 0) {
    return { text: `${title}: none`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*: none` } }] };
  }
  const lines = records.map((r) => {
    const target = r.target ? ` · ${escapeMrkdwn(describeTarget(r.target))}` : '';
    const status = r.status ? ` · _${escapeMrkdwn(r.status)}_` : '';
    return `• *${r.id}* ${inlineCode(r.text)} · ${stateLabel(r)} · ${mention(r.requester)}${target}${status}`;
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}* (${records.length})` } },
    ...linesToSections(lines),
  ];
  return { text: fallbackText(`${title}: ${records.length}`), blocks: enforceLimits(blocks) };
}
