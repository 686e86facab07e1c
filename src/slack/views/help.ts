import type { HelpAccess, HelpDoc, HelpWhere } from '../../commands/index.js';
import { channelLink, escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Help as mrkdwn. Usages hold placeholders such as `<app>`: escaped, so Slack shows them instead
 * of taking them for links; approvers and channels become real mentions and links.
 */
export function helpMrkdwn(doc: HelpDoc): string {
  return doc.kind === 'overview' ? overview(doc) : topic(doc);
}

function topic(doc: Extract<HelpDoc, { kind: 'topic' }>): string {
  const lines = [`*/k8s ${escapeMrkdwn(doc.usage)}*`, escapeMrkdwn(doc.summary)];
  if (doc.flags.length) {
    lines.push('', '*Flags*', ...doc.flags.map((f) => `• ${inlineCode(`--${f.name}${f.value ? ` ${f.value}` : ''}`)} ${escapeMrkdwn(f.description)}`));
  }
  lines.push('', '*Examples*', ...doc.examples.map((e) => `• ${inlineCode(`/k8s ${e}`)}`));
  if (doc.where) lines.push('', '*Where you may run it*', ...doc.where.map(whereLine));
  if (doc.apps) lines.push('', appsLine(doc.apps));
  return lines.join('\n');
}

function whereLine(w: HelpWhere): string {
  if (!w.allowed) return `• *${escapeMrkdwn(w.env)}*: no — ${escapeMrkdwn(w.reason)}`;
  const approval = w.approvals === 0 ? 'runs at once' : `needs ${plural(w.approvals, 'approval')} from ${w.approvers.map(mention).join(', ')}`;
  return `• *${escapeMrkdwn(w.env)}*: yes, ${approval}${w.channel ? `, only in ${channelLink(w.channel)}` : ''}`;
}

function overview(doc: Extract<HelpDoc, { kind: 'overview' }>): string {
  const lines = [`*Shipmate* — Kubernetes day-2 operations from Slack. ${inlineCode('/k8s help <command>')} shows details.`, ''];
  for (const c of doc.commands) lines.push(`• ${inlineCode(`/k8s ${c.usage}`)} — ${escapeMrkdwn(c.summary)}${c.mutates ? ' _(changes things)_' : ''}`);
  if (doc.access) lines.push('', '*Your access*', ...doc.access.map(accessLine));
  if (doc.apps) lines.push('', appsLine(doc.apps));
  return lines.join('\n');
}

function accessLine(a: HelpAccess): string {
  const what = typeof a.access === 'string' ? a.access : `changes need ${plural(a.access.approvals, 'approval')}`;
  const where = escapeMrkdwn(`${a.env}`);
  return `• *${where}* (${escapeMrkdwn(`${a.cluster}/${a.namespace}`)}): ${what}${a.channel ? `; requests only in ${channelLink(a.channel)}` : ''}`;
}

function appsLine(apps: readonly string[]): string {
  return `*Apps*: ${apps.length ? apps.map(escapeMrkdwn).join(', ') : '(none configured)'}`;
}
