import type { KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { OperationFile, Plan } from '../../core/plan.js';
import type { RequestRecord } from '../../core/request.js';
import { describeTarget } from '../../core/target.js';
import { cardButtons } from './card-buttons.js';
import { enforceLimits, fallbackText } from './limits.js';
import type { SlackMessage } from './message.js';
import { codeBlock, escapeMrkdwn, mention, slackDate } from './mrkdwn.js';
import { stateLabel } from './state-label.js';
import { ownerBlocks } from './owner-lines.js';

/** Room for the diff inside one section, leaving the title line some space. */
const DIFF_MAX = 2800;

export interface RequestCard extends SlackMessage {
  /** The full diff when the card only shows part of it; the notifier uploads it into the thread. */
  overflow?: OperationFile;
}

/**
 * The request's card: what was asked, by whom, on what, the plan and its diff, approvals, the
 * latest status and the result, with the buttons that make sense in the current state. Block ids
 * carry the record version so Slack re-renders every edit.
 */
export function renderRequestCard(record: RequestRecord, opts: { now?: Date } = {}): RequestCard {
  const now = opts.now ?? new Date();
  const v = `${record.id}-v${record.version}`;
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: `hdr-${v}`, text: { type: 'plain_text', text: `${record.id} · ${record.text}` } },
    { type: 'section', block_id: `facts-${v}`, fields: factFields(record, now) },
  ];
  let overflow: OperationFile | undefined;
  if (record.plan) {
    const plan = planBlocks(record.plan, v);
    blocks.push(...plan.blocks);
    if (plan.diffTruncated) overflow = diffFile(record);
  }
  blocks.push(...outcomeBlocks(record, v));
  const buttons = cardButtons(record, `act-${v}`);
  if (buttons) blocks.push(buttons);
  blocks.push({
    type: 'context',
    block_id: `foot-${v}`,
    elements: [{ type: 'mrkdwn', text: `Requested ${slackDate(record.createdAt)} · updated ${slackDate(record.updatedAt)}` }],
  });
  const card: RequestCard = {
    text: fallbackText(`${record.id} · ${record.text}: ${stateLabel(record, false)}`),
    blocks: enforceLimits(blocks),
  };
  if (overflow) card.overflow = overflow;
  return card;
}

function field(title: string, value: string): MrkdwnElement {
  return { type: 'mrkdwn', text: `*${title}*\n${value}` };
}

function factFields(record: RequestRecord, now: Date): MrkdwnElement[] {
  const fields = [
    field('State', stateLabel(record)),
    field('Requested by', mention(record.requester)),
    field('Target', escapeMrkdwn(targetText(record))),
  ];
  if (record.approvalsRequired > 0) {
    const who = record.approvals.length > 0 ? record.approvals.map((a) => mention(a.user)).join(', ') : 'none yet';
    fields.push(field('Approvals', `${who} (${record.approvals.length} of ${record.approvalsRequired} needed)`));
    // The deadline matters only while approvals are still being collected.
    if (record.expiresAt && record.state === 'awaiting_approval') fields.push(field('Approval deadline', deadlineText(record.expiresAt, now)));
  } else if (record.mutates) {
    fields.push(field('Approvals', 'not required'));
  }
  return fields;
}

function targetText(record: RequestRecord): string {
  if (record.target) return describeTarget(record.target);
  if (record.scope) return `${record.scope.cluster}/${record.scope.namespace} (${record.scope.env})`;
  return '—';
}

function deadlineText(expiresAt: string, now: Date): string {
  const left = Date.parse(expiresAt) - now.getTime();
  if (Number.isNaN(left)) return escapeMrkdwn(expiresAt);
  if (left <= 0) return `${slackDate(expiresAt)} (passed)`;
  const minutes = Math.ceil(left / 60_000);
  const rel = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return `${slackDate(expiresAt)} (in ${rel})`;
}

function planBlocks(plan: Plan, v: string): { blocks: KnownBlock[]; diffTruncated: boolean } {
  const summary = `*Plan:* ${escapeMrkdwn(plan.summary)}${plan.noop ? ' _(nothing to change)_' : ''}`;
  const blocks: KnownBlock[] = [{ type: 'section', block_id: `plan-${v}`, text: { type: 'mrkdwn', text: summary } }, ...ownerBlocks(plan, v)];
  let diffTruncated = false;
  if (plan.diff.trim() !== '') {
    const diff = codeBlock(plan.diff, DIFF_MAX, '… (truncated: full diff attached in the thread)');
    diffTruncated = diff.truncated;
    blocks.push({ type: 'section', block_id: `diff-${v}`, text: { type: 'mrkdwn', text: diff.text } });
  }
  blocks.push({ type: 'context', block_id: `dry-${v}`, elements: dryRunElements(plan) });
  return { blocks, diffTruncated };
}

function dryRunElements(plan: Plan): MrkdwnElement[] {
  const { dryRun } = plan;
  let line: string;
  if (!dryRun.performed) line = 'Server dry run: not available for this change';
  else if (dryRun.ok) line = 'Server dry run: passed';
  else line = `Server dry run: *failed*${dryRun.message ? ` — ${escapeMrkdwn(dryRun.message)}` : ''}`;
  if (dryRun.ok && dryRun.message) line += ` (${escapeMrkdwn(dryRun.message)})`;
  const elements: MrkdwnElement[] = [{ type: 'mrkdwn', text: line }];
  // Context blocks hold 10 elements: nine warnings, then a count of the rest.
  const shown = dryRun.warnings.slice(0, dryRun.warnings.length > 9 ? 8 : 9);
  for (const w of shown) elements.push({ type: 'mrkdwn', text: `Warning: ${escapeMrkdwn(w)}` });
  const rest = dryRun.warnings.length - shown.length;
  if (rest > 0) elements.push({ type: 'mrkdwn', text: `and ${rest} more warning${rest === 1 ? '' : 's'}` });
  return elements;
}

function outcomeBlocks(record: RequestRecord, v: string): SectionBlock[] {
  const lines: string[] = [];
  // Once there is a result, a status line that says the same thing is noise.
  if (record.status && record.status !== record.result?.summary) lines.push(`*Status:* ${escapeMrkdwn(record.status)}`);
  if (record.result) lines.push(`*Result:* ${escapeMrkdwn(record.result.summary)}`);
  if (record.reason) lines.push(`*Reason:* ${escapeMrkdwn(record.reason)}`);
  if (lines.length === 0) return [];
  return [{ type: 'section', block_id: `out-${v}`, text: { type: 'mrkdwn', text: lines.join('\n') } }];
}

function diffFile(record: RequestRecord): OperationFile {
  return {
    filename: `${record.id}-plan.diff`,
    title: `Plan diff for ${record.id}`,
    content: record.plan?.diff ?? '',
  };
}
