import { describe, expect, it } from 'vitest';
import { describeOwner, type Owner } from '../../../../src/core/owner.js';
import { renderRequestCard } from '../../../../src/slack/views/request-card.js';
import { ownerAlternatives } from '../../../../src/k8s/operations/owner-alternatives.js';
import { aRecord } from '../../../support/record-fixture.js';
import { allText } from './block-text.js';

function refusedCard(owner: Exclude<Owner, { kind: 'none' }>, command: 'restart' | 'scale') {
  const refusal = { ownerKind: owner.kind, owner: describeOwner(owner), why: `${describeOwner(owner)} owns this`, rule: `the policy of environment prod sets imperativeOnOwned.${owner.kind}: refuse`, instead: ownerAlternatives(owner, command) };
  const card = renderRequestCard(aRecord({ state: 'denied', decidedBy: 'policy', refusal }));
  return { text: allText(card.blocks), fallback: card.text };
}

describe('a card refused by imperativeOnOwned', () => {
  it('GitOps-owned: says refused by policy (nobody mentioned) and points at Git and the owner\'s suspend/sync', () => {
    const { text, fallback } = refusedCard({ kind: 'argocd', application: 'shop', namespace: 'argocd', via: 'tracking-id' }, 'restart');
    expect(text).toContain('*State*\nRefused by policy');
    expect(fallback).toContain('Refused by policy');
    expect(text).toContain(':no_entry: *Refused:* Shipmate will not make this change with kubectl semantics.');
    expect(text).toContain('• Change the desired state in Git: Argo CD Application argocd/shop applies it, and self-heal keeps it.');
    expect(text).toMatch(/• For an emergency change, suspend the owner first \(\/k8s suspend, or the argocd CLI\).*\/k8s sync/);
    expect(text).not.toContain('<@policy>');
  });

  it('Rollout-owned: points at the Rollout\'s own fields and controls', () => {
    const { text } = refusedCard({ kind: 'rollout', name: 'checkout', namespace: 'shop', via: 'workloadRef' }, 'scale');
    expect(text).toContain('• Change the Rollout checkout itself: spec.template for the image, spec.replicas for the scale.');
    expect(text).toContain('kubectl argo rollouts undo|restart|abort|promote checkout');
  });

  it('escapes cluster text in the refusal', () => {
    const { text } = refusedCard({ kind: 'flux', controller: 'Kustomization', name: '<!channel>', namespace: 'flux-system' }, 'restart');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('a Deny click still reads as denied by the approver', () => {
    expect(allText(renderRequestCard(aRecord({ state: 'denied', decidedBy: 'U0APPROVER' })).blocks)).toContain('Denied by <@U0APPROVER>');
  });
});
