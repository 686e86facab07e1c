import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LIMITS, enforceLimits, totalTextLength } from '../../../../src/slack/views/limits.js';
import { codeBlock, escapeMrkdwn, truncate } from '../../../../src/slack/views/mrkdwn.js';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const sectionText = (b: KnownBlock | undefined): string => (b?.type === 'section' ? (b.text?.text ?? '') : '');

describe('enforceLimits', () => {
  it('keeps a section of exactly 3000 characters', () => {
    const text = 'a'.repeat(3000);
    expect(sectionText(enforceLimits([section(text)])[0])).toBe(text);
  });

  it('truncates a section of 3001 characters to the limit', () => {
    const out = sectionText(enforceLimits([section('a'.repeat(3001))])[0]);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('…')).toBe(true);
  });

  it('re-closes a code fence that truncation cut open', () => {
    const out = sectionText(enforceLimits([section('```\n' + 'x\n'.repeat(2000) + '```')])[0]);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.split('```').length - 1).toBe(2);
  });

  it('keeps 50 blocks and turns 51 into 49 plus a note', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => section(`b${i}`));
    expect(enforceLimits(fifty)).toHaveLength(50);
    const out = enforceLimits([...fifty, section('b50')]);
    expect(out).toHaveLength(50);
    expect(sectionText(out[48])).toBe('b48');
    const note = out[49];
    expect(note?.type === 'context' && note.elements[0]?.type === 'mrkdwn' && note.elements[0].text).toContain('2 more blocks not shown');
  });

  it('cuts header, context, button and id limits', () => {
    const out = enforceLimits([
      { type: 'header', block_id: 'h'.repeat(300), text: { type: 'plain_text', text: 'H'.repeat(151) } },
      { type: 'context', elements: Array.from({ length: 12 }, (_, i) => ({ type: 'mrkdwn' as const, text: `c${i}` })) },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'B'.repeat(80) }, value: 'v'.repeat(2001), action_id: 'a'.repeat(256) }],
      },
    ]);
    const [header, context, actions] = out;
    expect(header?.block_id?.length).toBe(255);
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    expect(context?.type === 'context' && context.elements.length).toBe(10);
    const button = actions?.type === 'actions' ? actions.elements[0] : undefined;
    expect(button?.type === 'button' && [button.text.text.length, button.value?.length, button.action_id?.length]).toEqual([75, 2000, 255]);
  });

  it('keeps header text of exactly 150 characters', () => {
    const out = enforceLimits([{ type: 'header', text: { type: 'plain_text', text: 'H'.repeat(150) } }]);
    expect(out[0]?.type === 'header' && out[0].text.text).toBe('H'.repeat(150));
  });

  it('caps section fields at 10 of at most 2000 characters', () => {
    const fields = Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2001) }));
    const out = enforceLimits([{ type: 'section', fields }])[0];
    expect(out?.type === 'section' && out.fields?.length).toBe(10);
    expect(out?.type === 'section' && out.fields?.every((f) => f.text.length <= 2000)).toBe(true);
  });

  it('shrinks the longest sections until the whole message is under the cumulative budget', () => {
    const out = enforceLimits(Array.from({ length: 6 }, () => section('y'.repeat(2900))));
    expect(totalTextLength(out)).toBeLessThanOrEqual(LIMITS.totalText);
    expect(out).toHaveLength(6);
  });

  it('does not mutate its input', () => {
    const input = [section('a'.repeat(3001))];
    enforceLimits(input);
    expect(sectionText(input[0]).length).toBe(3001);
  });

  it('replaces an empty section text, which Slack rejects', () => {
    expect(sectionText(enforceLimits([section('')])[0]).length).toBeGreaterThan(0);
  });
});

describe('mrkdwn helpers', () => {
  it('escapes only & < >', () => {
    expect(escapeMrkdwn('a & b <c> *d* _e_')).toBe('a &amp; b &lt;c&gt; *d* _e_');
  });

  it('never leaves half an entity when truncating', () => {
    expect(truncate('abc &amp; def', 8)).toBe('abc …');
  });

  it('keeps a code block that fits and marks one that does not', () => {
    expect(codeBlock('hello', 100)).toEqual({ text: '```\nhello\n```', truncated: false });
    const long = codeBlock('line\n'.repeat(100), 120, '(cut)');
    expect(long.truncated).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(120);
    expect(long.text.endsWith('(cut)\n```')).toBe(true);
  });

  it('stops text from closing the fence early', () => {
    expect(codeBlock('a ``` b', 100).text.split('```').length - 1).toBe(2);
  });
});
