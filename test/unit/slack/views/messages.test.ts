import { describe, expect, it } from 'vitest';
import type { OperationResult } from '../../../../src/core/plan.js';
import { renderAuditEntries } from '../../../../src/slack/views/audit-entries.js';
import { renderChannelMessage } from '../../../../src/slack/views/channel-message.js';
import { renderBusy, renderDenial, renderHelp, renderPlainEphemeral, renderReceipt, renderUsageError } from '../../../../src/slack/views/ephemeral-replies.js';
import { renderJobsList } from '../../../../src/slack/views/jobs-list.js';
import { LIMITS, totalTextLength } from '../../../../src/slack/views/limits.js';
import { renderResultSections } from '../../../../src/slack/views/result-sections.js';
import { allText } from './block-text.js';
import { aRecord } from '../../../support/record-fixture.js';

function result(sections: OperationResult['sections'], files: OperationResult['files'] = []): OperationResult {
  return { outcome: 'succeeded', summary: 'done', sections, files, facts: {} };
}

describe('ephemeral replies', () => {
  it('acknowledges with the id, the command and the card channel', () => {
    const msg = renderReceipt(aRecord());
    expect(allText(msg.blocks)).toBe('R-7KQ2M9AB received: rollback api-service prod; card posted in <#C0PRODOPS>');
    expect(msg.text).toContain('R-7KQ2M9AB received');
  });

  it('answers a usage error with suggestions', () => {
    const msg = renderUsageError('unknown app "api-servce"', ['api-service', 'web<x>']);
    expect(allText(msg.blocks)).toContain('Did you mean: `api-service`, `web&lt;x&gt;`');
    expect(msg.text).toBe('unknown app "api-servce"');
  });

  it('shows a denial reason and rule', () => {
    const text = allText(renderDenial({ message: 'only S0ONCALL may run rollback in prod', rule: 'run' }).blocks);
    expect(text).toContain('Not allowed: only S0ONCALL may run rollback in prod');
    expect(text).toContain('Policy rule: run');
    expect(allText(renderDenial({ userMessage: 'no <way>', rule: 'approve' }).blocks)).toContain('Not allowed: no &lt;way&gt;');
  });

  it('links the channel a denial names, and keeps the fallback text free of markup', () => {
    const msg = renderDenial({ rule: 'environment prod: channel', message: 'prod requests are accepted only in channel C0PRODOPS', channel: 'C0PRODOPS' });
    expect(allText(msg.blocks)).toContain('Not allowed: prod requests are accepted only in channel <#C0PRODOPS>');
    expect(msg.text).toBe('Not allowed: prod requests are accepted only in channel C0PRODOPS');
  });

  it('answers plain one-liners escaped', () => {
    expect(allText(renderPlainEphemeral('R-1 is <done> & gone').blocks)).toBe('R-1 is &lt;done&gt; &amp; gone');
  });

  it('says who holds a busy target and since when', () => {
    const msg = renderBusy({
      target: { cluster: 'prod-eu', namespace: 'shop', kind: 'Deployment', name: 'api-service' },
      holder: { requestId: 'R-AAAABBBB', user: 'U0OTHER', since: '2025-03-01T10:00:00.000Z' },
    });
    expect(allText(msg.blocks)).toContain('deployment/api-service in prod-eu/shop is busy: R-AAAABBBB by <@U0OTHER>');
  });

  it('splits long help text into sections under the limit', () => {
    const commands = Array.from({ length: 40 }, (_, i) => ({ usage: `cmd${i} <app> <env>`, summary: 'word '.repeat(30), mutates: false }));
    const msg = renderHelp({ kind: 'overview', commands });
    expect(msg.blocks.length).toBeGreaterThan(1);
    for (const b of msg.blocks) if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    // Every command is shown whole: none was cut off at a section's limit.
    expect(allText(msg.blocks)).toContain('`/k8s cmd39 &lt;app&gt; &lt;env&gt;` — ' + 'word '.repeat(30).trim());
    expect(msg.text).toBe('Shipmate commands');
  });
});

describe('renderResultSections', () => {
  it('puts short sections inline, preformatted in a code block', () => {
    const out = renderResultSections(result([{ title: 'Rollout', text: 'all <3> ready', preformatted: true }, { title: 'Note', text: 'fine' }]));
    expect(out.files).toEqual([]);
    const text = allText(out.messages[0]?.blocks ?? []);
    expect(text).toContain('*Rollout*\n```\nall &lt;3&gt; ready\n```');
    expect(text).toContain('*Note*\nfine');
  });

  it('moves a section over ~2800 characters into a file and keeps an excerpt', () => {
    const log = Array.from({ length: 300 }, (_, i) => `log line ${i}`).join('\n');
    const out = renderResultSections(result([{ title: 'Pod logs', text: log, preformatted: true }], [{ filename: 'x.diff', title: 'x', content: 'd' }]));
    expect(out.files).toEqual([{ filename: 'pod-logs.txt', title: 'Pod logs', content: log }, { filename: 'x.diff', title: 'x', content: 'd' }]);
    const text = allText(out.messages[0]?.blocks ?? []);
    expect(text).toContain('log line 0');
    expect(text).toContain('full text in `pod-logs.txt`');
  });

  it('keeps the message under ~10k in total by moving later sections into files', () => {
    const sections = Array.from({ length: 8 }, (_, i) => ({ title: `S${i}`, text: 'z'.repeat(2500) }));
    const out = renderResultSections(result(sections));
    const blocks = out.messages[0]?.blocks ?? [];
    expect(totalTextLength(blocks)).toBeLessThanOrEqual(LIMITS.totalText);
    expect(out.files.length).toBeGreaterThan(0);
    expect(allText(blocks)).toContain('attached as `s7.txt`');
  });
});

describe('other messages', () => {
  it('renders channel messages with their file', () => {
    const msg = renderChannelMessage({ text: '2 certificates expire soon', groups: [{ heading: 'prod', total: 1, items: [{ mark: 'warning', text: 'a' }], hidden: 0 }], file: { filename: 'certs.txt', title: 'Certs', content: 'all' } });
    expect(msg.text).toBe('2 certificates expire soon');
    expect(allText(msg.blocks)).toContain('*prod (1)*\n• :large_yellow_circle: a');
    expect(msg.files).toHaveLength(1);
  });

  it('lists jobs within the block limit', () => {
    const records = Array.from({ length: 200 }, (_, i) => aRecord({ id: `R-AAAA${String(i).padStart(4, '0')}`, state: 'running', status: 'step' }));
    const msg = renderJobsList(records);
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(allText(msg.blocks)).toContain('*R-AAAA0000* `rollback api-service prod` · Running · <@U0REQ>');
    expect(renderJobsList([]).text).toBe('Active requests: none');
  });

  it('lists audit entries', () => {
    const at = '2025-03-01T10:00:00.000Z';
    const msg = renderAuditEntries(
      [
        { seq: 1, at, prevHash: '0', hash: 'a', event: { requestId: 'R-7KQ2M9AB', actor: 'U0LEAD', action: 'approved', command: 'rollback', target: 'deployment/api-service' } },
        { seq: 2, at, prevHash: 'a', hash: 'b', event: { requestId: 'R-7KQ2M9AB', actor: 'shipmate', action: 'succeeded', command: 'rollback', target: 'deployment/api-service', detail: 'a < b' } },
      ],
      'api-service prod',
    );
    const text = allText(msg.blocks);
    expect(text).toContain('*Audit trail: api-service prod* (2)');
    expect(text).toContain('approved by <@U0LEAD> · `rollback` · deployment/api-service');
    expect(text).toContain('succeeded by shipmate · `rollback` · deployment/api-service · _a &lt; b_');
  });
});
