import type { KnownBlock, SectionBlock } from '@slack/types';
import type { RequestRecord } from '../../core/request.js';
import type { HelpDoc } from '../../commands/index.js';
import type { Denial } from '../../policy/index.js';
import { helpMrkdwn } from './help.js';
import type { TargetRef } from '../../core/target.js';
import { describeTarget } from '../../core/target.js';
import { LIMITS, enforceLimits, fallbackText } from './limits.js';
import type { SlackMessage } from './message.js';
import { channelLink, escapeMrkdwn, inlineCode, mention, slackDate } from './mrkdwn.js';

/** What policy answered when it refused: a policy `Denial`, a `PolicyDeniedError`, or just the reason. */
export type DenialView = Denial | { userMessage: string; rule?: string } | string;

/** Who holds a busy target; `TargetBusyError.holder` has this shape. */
export interface BusyHolder {
  requestId: string;
  user: string;
  since: string;
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: fallbackText(text), blocks: enforceLimits(blocks) };
}

/** The requester's ephemeral acknowledgement: the id, what was asked and where the card lives. */
export function renderReceipt(record: RequestRecord): SlackMessage {
  const line = `${record.id} received: ${escapeMrkdwn(record.text)}; card posted in ${channelLink(record.channel)}`;
  return message(`${record.id} received: ${record.text}`, [section(line)]);
}

/** A parse or validation problem, with the closest valid choices. */
export function renderUsageError(problem: string, suggestions: readonly string[] = []): SlackMessage {
  const blocks: KnownBlock[] = [section(escapeMrkdwn(problem))];
  if (suggestions.length > 0) {
    const list = suggestions.slice(0, 10).map(inlineCode).join(', ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Did you mean: ${list}` }] });
  }
  return message(problem, blocks);
}

/** Policy said no: the reason is the user's answer (and the audit record's). */
export function renderDenial(denial: DenialView): SlackMessage {
  const reason = typeof denial === 'string' ? denial : 'message' in denial ? denial.message : denial.userMessage;
  const rule = typeof denial === 'string' ? undefined : denial.rule;
  const channel = typeof denial === 'object' && 'channel' in denial ? denial.channel : undefined;
  // The policy names the channel by id; the reader gets a link to it.
  const said = channel ? escapeMrkdwn(reason).replace(channel, channelLink(channel)) : escapeMrkdwn(reason);
  const blocks: KnownBlock[] = [section(`Not allowed: ${said}`)];
  if (rule) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Policy rule: ${escapeMrkdwn(rule)}` }] });
  return message(`Not allowed: ${reason}`, blocks);
}

/** A one-line ephemeral answer in plain words (escaped here). */
export function renderPlainEphemeral(text: string): SlackMessage {
  return message(text, [section(escapeMrkdwn(text))]);
}

/** Someone else's request holds the target's lock. */
export function renderBusy(opts: { target: TargetRef | string; holder: BusyHolder }): SlackMessage {
  const target = typeof opts.target === 'string' ? opts.target : describeTarget(opts.target);
  const { holder } = opts;
  const line =
    `${escapeMrkdwn(target)} is busy: ${escapeMrkdwn(holder.requestId)} by ${mention(holder.user)} ` +
    `holds it since ${slackDate(holder.since)}. Try again when it has finished.`;
  return message(`${target} is busy with ${holder.requestId}`, [section(line)]);
}

/** Help, split into sections on paragraph boundaries. */
export function renderHelp(doc: HelpDoc): SlackMessage {
  const chunks = splitParagraphs(helpMrkdwn(doc), LIMITS.sectionText - 100);
  const title = doc.kind === 'overview' ? 'Shipmate commands' : `/k8s ${doc.usage}`;
  return message(title, chunks.map((c) => section(c)));
}

/** Packs paragraphs (a paragraph longer than `max`: its lines) into chunks of at most `max` characters; a longer line is cut later. */
export function splitParagraphs(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const add = (piece: string, joint: string): void => {
    if (current && current.length + piece.length + joint.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}${joint}${piece}` : piece;
  };
  for (const para of text.split(/\n{2,}/)) {
    if (para.length <= max) add(para, '\n\n');
    else para.split('\n').forEach((line, i) => add(line, i === 0 ? '\n\n' : '\n'));
  }
  if (current) chunks.push(current);
  return chunks.length > 0 ? chunks : [' '];
}
