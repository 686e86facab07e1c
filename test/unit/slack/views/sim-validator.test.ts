import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../../devkit/slack-sim/block-kit.js';
import type { RequestState } from '../../../../src/core/request.js';
import { renderRequestCard } from '../../../../src/slack/views/request-card.js';
import { renderResultSections } from '../../../../src/slack/views/result-sections.js';
import { aPlan, aRecord } from '../../../support/record-fixture.js';

const states: RequestState[] = ['requested', 'awaiting_approval', 'approved', 'queued', 'running', 'succeeded', 'failed', 'cancelled', 'denied', 'expired', 'interrupted'];

/** slack-sim's Block Kit checker is written from Slack's docs independently of our views: a second opinion. */
describe('views pass slack-sim Block Kit validation', () => {
  it.each(states)('request card in state %s, with an oversized diff and many warnings', (state) => {
    const diff = Array.from({ length: 500 }, (_, i) => `+ line ${i} <${'&'.repeat(5)}>`).join('\n');
    const warnings = Array.from({ length: 30 }, (_, i) => `w${i} ${'x'.repeat(200)}`);
    const record = aRecord({ state, status: 's'.repeat(4000), reason: 'r'.repeat(4000), plan: aPlan({ diff, dryRun: { performed: true, ok: false, message: 'm'.repeat(4000), warnings } }) });
    expect(validateBlocks(renderRequestCard(record).blocks)).toEqual({ ok: true });
  });

  it('result sections', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ title: `S${i}`, text: 'z'.repeat(3500), preformatted: i % 2 === 0 }));
    const out = renderResultSections({ outcome: 'failed', summary: 'x'.repeat(5000), sections, files: [], facts: {} });
    for (const m of out.messages) expect(validateBlocks(m.blocks)).toEqual({ ok: true });
  });
});
