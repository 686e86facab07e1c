import { describe, expect, it } from 'vitest';
import { commandSpecs, helpText as helpDoc, type HelpCaller } from '../../../src/commands/index.js';
import type { CommandName } from '../../../src/core/invocation.js';
import { helpMrkdwn } from '../../../src/slack/views/help.js';
import { createPolicy } from '../../../src/policy/index.js';
import { testConfig } from './support.js';

const config = testConfig();
/** What a reader gets: the help data as the view words it. */
const helpText = (topic: CommandName | undefined, caller?: HelpCaller): string => helpMrkdwn(helpDoc(topic, caller));
const escaped = (s: string): string => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
const policy = createPolicy(config);
const oncall = { user: 'U0ALICE', userGroups: new Set(['S0ONCALL']), policy, config };
const stranger = { user: 'U0EVE', userGroups: new Set<string>(), policy, config };

describe('helpText', () => {
  it('lists every command with its usage', () => {
    const text = helpText(undefined);
    for (const spec of commandSpecs) expect(text).toContain(`\`/k8s ${escaped(spec.usage)}\``);
  });

  it('shows usage, flags and examples for a topic', () => {
    const text = helpText('logs');
    expect(text).toContain('*/k8s logs &lt;app-or-pod&gt; &lt;env&gt; [--previous] [--tail N] [--since 1h] [--container c]*');
    expect(text).toContain('`--since 1h`');
    expect(text).toContain('`/k8s logs api-service prod --since 15m`');
    expect(text).not.toContain('Where you may run it');
  });

  it('says where the caller may run a command and how many approvals it needs', () => {
    const text = helpText('drain', oncall);
    expect(text).toContain('• *prod*: yes, needs 2 approvals from <!subteam^S0SRELEADS>, only in <#C0PRODOPS>');
    expect(text).toContain('• *dev*: yes, runs at once');
  });

  it('explains refusals per environment', () => {
    const text = helpText('rollback', stranger);
    expect(text).toContain('• *prod*: no — policy production: you are not in run [S0ONCALL]');
    expect(text).toContain('• *staging*: yes, runs at once');
  });

  it('summarises access per environment in the overview', () => {
    expect(helpText(undefined, oncall)).toContain('• *prod* (prod-eu/shop): changes need 1 approval; requests only in <#C0PRODOPS>');
    expect(helpText(undefined, stranger)).toContain('• *prod* (prod-eu/shop): no access');
    expect(helpText(undefined, stranger)).toContain('• *dev* (local/shop-dev): changes run at once');
  });

  it('has a spec with summary, usage and at least one example for every command', () => {
    expect(commandSpecs).toHaveLength(24); // 19 + the GitOps sync, suspend, resume, diff + promote (issue 14)
    for (const spec of commandSpecs) {
      expect(spec.usage.startsWith(spec.name)).toBe(true);
      expect(spec.examples.length).toBeGreaterThan(0);
      expect(spec.readOnly && spec.mutates).toBe(false);
    }
  });
});
