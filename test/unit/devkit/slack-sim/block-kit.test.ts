import { describe, expect, it } from 'vitest';
import { MAX_TOTAL_BLOCK_TEXT, validateBlocks } from '../../../../devkit/slack-sim/index.js';

const section = (text: string, extra: object = {}): object => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });
const button = (text: string, extra: object = {}): object => ({ type: 'button', text: { type: 'plain_text', text }, action_id: `a-${text}`, ...extra });
const errorsOf = (blocks: unknown): string[] => {
  const r = validateBlocks(blocks);
  return r.ok ? [] : r.errors;
};

describe('validateBlocks', () => {
  it('accepts a typical approval card and text-only messages', () => {
    expect(validateBlocks(undefined)).toEqual({ ok: true });
    expect(validateBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'Rollback' } },
      section('*api-service* in prod', { fields: [{ type: 'mrkdwn', text: 'a' }], accessory: button('Logs') }),
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'R-1' }] },
      { type: 'divider' },
      { type: 'actions', elements: [button('Approve', { style: 'primary', value: 'R-1' }), button('Deny', { style: 'danger' })] },
    ])).toEqual({ ok: true });
  });

  it('enforces the per-block limits at their edges', () => {
    expect(errorsOf([section('x'.repeat(3000))])).toEqual([]);
    expect(errorsOf([section('x'.repeat(3001))])).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(errorsOf([section('')])).toHaveLength(1);
    expect(errorsOf([{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }])).toHaveLength(1);
    expect(errorsOf([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }])[0]).toContain('/blocks/0/fields/0/text');
    expect(errorsOf([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toHaveLength(1);
    expect(errorsOf([{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }])).toHaveLength(1);
    expect(errorsOf([{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }])).toHaveLength(1);
    expect(errorsOf([{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }])).toHaveLength(1);
    expect(errorsOf([{ type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button(`b${i}`)) }])).toEqual([]);
  });

  it('checks buttons, ids and duplicates', () => {
    expect(errorsOf([{ type: 'actions', elements: [button('b'.repeat(76))] }])[0]).toContain('/elements/0/text/text');
    expect(errorsOf([{ type: 'actions', elements: [button('ok', { value: 'v'.repeat(2001) })] }])[0]).toContain('/value');
    expect(errorsOf([{ type: 'actions', elements: [button('ok', { action_id: 'a'.repeat(256) })] }])[0]).toContain('/action_id');
    expect(errorsOf([{ type: 'actions', elements: [button('ok', { style: 'blue' })] }])[0]).toContain('/style');
    expect(errorsOf([section('a', { block_id: 'b'.repeat(256) })])[0]).toContain('/block_id');
    expect(errorsOf([section('a', { block_id: 'same' }), section('b', { block_id: 'same' })])).toEqual([
      'block_id already exists [json-pointer:/blocks/1/block_id]',
    ]);
    expect(errorsOf([{ type: 'no_such_block' }])).toHaveLength(1);
  });

  it('limits a message to 50 blocks and caps the total text', () => {
    expect(errorsOf(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['must provide no more than 50 items [json-pointer:/blocks]']);
    const big = Array.from({ length: 5 }, () => section('y'.repeat(Math.ceil(MAX_TOTAL_BLOCK_TEXT / 5) + 1)));
    expect(validateBlocks(big)).toMatchObject({ ok: false, error: 'msg_blocks_too_long' });
    expect(validateBlocks('[]')).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
  });
});
