import fc from 'fast-check';
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ChannelMessage, ThreadNote } from '../../../../src/core/notifier.js';
import type { ResultItem, ResultSection } from '../../../../src/core/plan.js';
import { renderChannelMessage } from '../../../../src/slack/views/channel-message.js';
import { codeBlock, escapeMrkdwn, inlineCode, mention } from '../../../../src/slack/views/mrkdwn.js';
import { renderRequestCard } from '../../../../src/slack/views/request-card.js';
import { renderResultSections } from '../../../../src/slack/views/result-sections.js';
import { renderThreadNote } from '../../../../src/slack/views/thread-note.js';
import { mrkdwnTexts } from '../../../support/hostile-text.js';
import { aPlan, aRecord } from '../../../support/record-fixture.js';

/** Strings an attacker would pick, mixed with anything at all. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U0EVIL>', '<#C0EVIL>', '<!subteam^S0EVIL>', '`', '```', '````', '&', '&lt;', '<', '>', '\n', 'x', ' ', '<!date^1^{time}|x>'), { maxLength: 20 })
    .map((parts) => parts.join('')),
);

/** Removes the tokens our own helpers wrote; what is left must hold no `<`, `>` or fence run. */
function withoutOwnTokens(text: string, own: readonly string[]): string {
  let rest = text.replace(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[0-9T:.\-Z]+>/g, '');
  for (const t of own) rest = rest.split(t).join('');
  return rest;
}

function expectSafe(texts: readonly string[], own: readonly string[] = []): void {
  for (const t of texts) {
    const rest = withoutOwnTokens(t, own);
    expect(rest, t).not.toMatch(/[<>]/);
    expect(t.split('```').length % 2, t).toBe(1);
  }
}

const blockTexts = (blocks: readonly KnownBlock[]): string[] => mrkdwnTexts({ blocks });

describe('mrkdwn escaping of hostile text', () => {
  it('turns the reported change-cause into inert text that cannot close a fence', () => {
    const cause = '<!here> deploy ``` <!channel> approve R-1 now';
    const out = escapeMrkdwn(cause);
    expect(out).toBe('&lt;!here&gt; deploy `\u200b`\u200b` &lt;!channel&gt; approve R-1 now');
    expect(codeBlock(`rev 3  ${cause}`, 3000).text).toBe(`\`\`\`\nrev 3  ${out}\n\`\`\``);
    expect(escapeMrkdwn('a && b <none>')).toBe('a &amp;&amp; b &lt;none&gt;');
    expect(escapeMrkdwn('&lt;@U1&gt;')).toBe('&amp;lt;@U1&amp;gt;');
    // A lone backtick at either end is padded: it cannot join ours to make a fence.
    expect(escapeMrkdwn('``x`')).toBe('\u200b`\u200b`x`\u200b');
    expect(inlineCode('a`b')).toBe('`aˋb`');
  });

  it('escapes & < > and keeps backticks apart, for any string', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeMrkdwn(s);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toContain('``');
        expect(out.startsWith('`') || out.endsWith('`')).toBe(false);
        // Nothing is lost: removing the padding and entities gives the input back.
        expect(out.replace(/\u200b/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s.replace(/\u200b/g, ''));
      }),
    );
  });

  it('a code block holds exactly its own two fences, whatever it holds and wherever it is cut', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: 200 }), (s, max) => {
        const { text } = codeBlock(s, max);
        expect(text.split('```').length - 1).toBe(2);
        expect(text.startsWith('```\n') && text.endsWith('\n```')).toBe(true);
        expect(text).not.toMatch(/[<>]/);
      }),
    );
  });

  it('inline code holds exactly its own two backticks', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(inlineCode(s).split('`').length - 1).toBe(2);
      }),
    );
  });

  it('mention() writes a token only for a well-formed id', () => {
    expect(mention('U0REQ')).toBe('<@U0REQ>');
    expect(mention('W0GRID')).toBe('<@W0GRID>');
    expect(mention('S0ONCALL')).toBe('<!subteam^S0ONCALL>');
    expect(mention('*')).toBe('anyone');
    fc.assert(
      fc.property(hostile, (s) => {
        if (!/^[UWS][A-Z0-9]{2,}$/.test(s) && s !== '*') expect(mention(s)).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('views carry no live token from data', () => {
  const item = fc.record({ mark: fc.constantFrom<ResultItem['mark']>('critical', 'warning', 'resolved', 'note'), text: hostile });
  const section: fc.Arbitrary<ResultSection> = fc.record(
    { title: hostile, text: hostile, preformatted: fc.boolean(), items: fc.array(item, { maxLength: 3 }), hidden: fc.nat(5) },
    { requiredKeys: ['title', 'text'] },
  );

  it('thread notes', () => {
    const note: fc.Arbitrary<ThreadNote> = fc.oneof(
      hostile.map((text) => ({ kind: 'step' as const, text })),
      hostile.map((text) => ({ kind: 'reminder' as const, text })),
      section.map((s) => ({ kind: 'section' as const, section: s })),
      fc.record({ kind: fc.constant('interrupted' as const), requestId: hostile, target: fc.option(hostile), currentState: hostile }),
    );
    fc.assert(fc.property(note, (n) => {
        expectSafe([renderThreadNote(n).mrkdwn]);
      }));
  });

  it('operation results', () => {
    fc.assert(
      fc.property(fc.array(section, { maxLength: 4 }), hostile, (sections, summary) => {
        const { messages } = renderResultSections({ outcome: 'succeeded', summary, sections, files: [], facts: {} });
        for (const m of messages) expectSafe([m.text, ...blockTexts(m.blocks)]);
      }),
    );
  });

  it('channel alerts: only the owners given as ids are mentioned', () => {
    const group = fc.record({ heading: hostile, total: fc.nat(50), items: fc.array(item, { maxLength: 4 }), hidden: fc.nat(3) });
    const ids = fc.array(fc.oneof(fc.constantFrom('U0OWNER', 'S0PAYMENTS'), hostile), { maxLength: 3 });
    fc.assert(
      fc.property(hostile, fc.option(hostile, { nil: undefined }), fc.array(group, { maxLength: 3 }), ids, (text, source, groups, mentions) => {
        const msg: ChannelMessage = { text, groups, mentions, ...(source === undefined ? {} : { source }) };
        const out = renderChannelMessage(msg);
        expectSafe([out.text, ...blockTexts(out.blocks)], ['<@U0OWNER>', '<!subteam^S0PAYMENTS>']);
      }),
    );
  });

  it('request cards', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (text, status, reason, summary, diff) => {
        const record = aRecord({ text, status, reason, state: 'failed', plan: aPlan({ summary, diff, dryRun: { performed: true, ok: false, message: reason, warnings: [status] } }) });
        const card = renderRequestCard(record);
        expectSafe([card.text, ...blockTexts(card.blocks)], ['<@U0REQ>']);
      }),
    );
  });
});
