import { describe, expect, it } from 'vitest';
import type { RequestState } from '../../../../src/core/request.js';
import { renderRequestCard } from '../../../../src/slack/views/request-card.js';
import { LIMITS, totalTextLength } from '../../../../src/slack/views/limits.js';
import { aPlan, aRecord } from '../../../support/record-fixture.js';
import { allText, buttonsOf } from './block-text.js';

const now = new Date('2025-03-01T10:05:00.000Z');

describe('renderRequestCard', () => {
  it('shows id and command in the header, requester, target, plan and diff', () => {
    const card = renderRequestCard(aRecord(), { now });
    const header = card.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe('R-7KQ2M9AB · rollback api-service prod');
    const text = allText(card.blocks);
    expect(text).toContain('Awaiting approval (0 of 1)');
    expect(text).toContain('<@U0REQ>');
    expect(text).toContain('deployment/api-service in prod-eu/shop');
    expect(text).toContain('roll back deployment/api-service from revision 5');
    expect(text).toContain('```\n--- a/spec');
    expect(text).toContain('+  image: api:v1.4.1');
    expect(text).toContain('Server dry run: passed');
    expect(text).toContain('(in 25 min)');
    expect(card.text).toBe('R-7KQ2M9AB · rollback api-service prod: Awaiting approval (0 of 1)');
    expect(card.overflow).toBeUndefined();
  });

  const labels: [RequestState, string][] = [
    ['requested', 'Requested'],
    ['approved', 'Approved'],
    ['queued', 'Queued'],
    ['running', 'Running'],
    ['succeeded', 'Succeeded'],
    ['failed', 'Failed'],
    ['interrupted', 'Interrupted'],
    ['expired', 'Expired'],
  ];
  it.each(labels)('labels state %s as %s', (state, label) => {
    const card = renderRequestCard(aRecord({ state }), { now });
    expect(allText(card.blocks)).toContain(`*State*\n${label}`);
    expect(card.text).toContain(label);
  });

  it('names who denied or cancelled, without pinging them in the notification text', () => {
    const denied = renderRequestCard(aRecord({ state: 'denied', decidedBy: 'U0LEAD', reason: 'not during the sale' }), { now });
    expect(allText(denied.blocks)).toContain('Denied by <@U0LEAD>');
    expect(allText(denied.blocks)).toContain('*Reason:* not during the sale');
    expect(denied.text).not.toContain('<@');
    const cancelled = renderRequestCard(aRecord({ state: 'cancelled', decidedBy: 'U0REQ' }), { now });
    expect(allText(cancelled.blocks)).toContain('Cancelled by <@U0REQ>');
  });

  it('lists approvals so far and the number needed', () => {
    const record = aRecord({ approvalsRequired: 2, approvals: [{ user: 'U0A1', at: '2025-03-01T10:01:00Z' }] });
    const text = allText(renderRequestCard(record, { now }).blocks);
    expect(text).toContain('Awaiting approval (1 of 2)');
    expect(text).toContain('<@U0A1> (1 of 2 needed)');
  });

  it('shows Approve, Deny and Cancel while awaiting approval, with ids, values and styles', () => {
    const buttons = buttonsOf(renderRequestCard(aRecord(), { now }).blocks);
    expect(buttons).toEqual([
      { text: 'Approve', actionId: 'shipmate_approve', value: 'R-7KQ2M9AB', style: 'primary' },
      { text: 'Deny', actionId: 'shipmate_deny', value: 'R-7KQ2M9AB', style: 'danger' },
      { text: 'Cancel', actionId: 'shipmate_cancel', value: 'R-7KQ2M9AB' },
    ]);
  });

  it.each<RequestState>(['requested', 'approved', 'queued', 'running'])('shows only Cancel while %s', (state) => {
    expect(buttonsOf(renderRequestCard(aRecord({ state }), { now }).blocks).map((b) => b.text)).toEqual(['Cancel']);
  });

  it.each<RequestState>(['succeeded', 'failed', 'cancelled', 'denied', 'expired', 'interrupted'])('shows no buttons once %s', (state) => {
    const card = renderRequestCard(aRecord({ state }), { now });
    expect(card.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('uses fresh block ids for each version', () => {
    const ids = (v: number): string[] => renderRequestCard(aRecord({ version: v }), { now }).blocks.map((b) => b.block_id ?? '');
    const v3 = ids(3);
    const v4 = ids(4);
    expect(v3.every((id) => id.endsWith('-v3'))).toBe(true);
    expect(v3.filter((id) => v4.includes(id))).toEqual([]);
  });

  it('escapes & < > in user-supplied text but keeps mentions', () => {
    const record = aRecord({
      status: 'waiting for <pods> & friends',
      plan: aPlan({ summary: 'set image to a<b>', diff: '- x: "<old>"\n+ x: "&new"\n' }),
    });
    const text = allText(renderRequestCard(record, { now }).blocks);
    expect(text).toContain('waiting for &lt;pods&gt; &amp; friends');
    expect(text).toContain('set image to a&lt;b&gt;');
    expect(text).toContain('- x: "&lt;old&gt;"');
    expect(text).toContain('<@U0REQ>');
  });

  it('truncates a long diff and returns it whole as an overflow file', () => {
    const diff = Array.from({ length: 400 }, (_, i) => `+  line ${i}: ${'x'.repeat(20)}`).join('\n');
    const card = renderRequestCard(aRecord({ plan: aPlan({ diff }) }), { now });
    const text = allText(card.blocks);
    expect(text).toContain('full diff attached');
    expect(card.overflow).toEqual({ filename: 'R-7KQ2M9AB-plan.diff', title: 'Plan diff for R-7KQ2M9AB', content: diff });
    for (const b of card.blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(totalTextLength(card.blocks)).toBeLessThanOrEqual(LIMITS.totalText);
  });

  it('shows dry-run failures and warnings, capped to a context block', () => {
    const warnings = Array.from({ length: 14 }, (_, i) => `warning ${i}`);
    const card = renderRequestCard(aRecord({ plan: aPlan({ dryRun: { performed: true, ok: false, message: 'admission denied', warnings } }) }), { now });
    const text = allText(card.blocks);
    expect(text).toContain('Server dry run: *failed* — admission denied');
    expect(text).toContain('Warning: warning 0');
    expect(text).toContain('and 6 more warnings');
    for (const b of card.blocks) if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(10);
  });

  it('shows the latest status line and the result summary', () => {
    const record = aRecord({
      state: 'succeeded',
      status: 'rollout complete: 3/3 ready',
      result: { outcome: 'succeeded', summary: 'rolled back to revision 4', sections: [], files: [], facts: {} },
    });
    const text = allText(renderRequestCard(record, { now }).blocks);
    expect(text).toContain('*Status:* rollout complete: 3/3 ready');
    expect(text).toContain('*Result:* rolled back to revision 4');
  });

  it('renders a request without plan or target (read-only, still planning)', () => {
    const card = renderRequestCard(aRecord({ state: 'requested', plan: null, target: null, approvalsRequired: 0, mutates: false, expiresAt: null }), { now });
    expect(allText(card.blocks)).toContain('prod-eu/shop (prod)');
    expect(card.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  });

  it('keeps a very long command within the header limit', () => {
    const card = renderRequestCard(aRecord({ text: `logs ${'a'.repeat(300)} prod` }), { now });
    const header = card.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
  });
});
