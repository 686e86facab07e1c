import { describe, expect, it } from 'vitest';
import { automatedOf, rollbackEntry, runningOperation, type Application } from '../../../../src/k8s/gitops/argocd-application.js';
import { rememberedPolicy, SUSPENDED_POLICY_ANNOTATION } from '../../../../src/k8s/gitops/argocd-automation.js';

const sha = (c: string) => c.repeat(40);
const history = [0, 1, 2, 3].map((id) => ({ id, revision: sha(String(id)) }));

describe('Argo CD Application helpers', () => {
  it('rolls back to history[len-2] by default, as argocd app rollback does, or to the id asked for', () => {
    const app: Application = { status: { history } };
    expect(rollbackEntry(app, undefined)?.id).toBe(2);
    expect(rollbackEntry(app, 0)?.revision).toBe(sha('0'));
    expect(rollbackEntry(app, 9)).toBeUndefined();
    expect(rollbackEntry({ status: { history: history.slice(0, 1) } }, undefined)).toBeUndefined();
  });

  it('names the operation in progress: a set .operation, or a Running operationState', () => {
    expect(runningOperation({ operation: { sync: { revision: sha('a') }, initiatedBy: { username: 'alice' } } })).toBe('sync to aaaaaaa started by alice');
    expect(runningOperation({ status: { operationState: { phase: 'Running', startedAt: '2026-11-30T10:00:00Z', operation: { sync: {}, initiatedBy: { automated: true } } } } })).toBe(
      'sync started by automated sync, running since 2026-11-30T10:00:00Z',
    );
    expect(runningOperation({ status: { operationState: { phase: 'Succeeded', operation: { sync: {} } } } })).toBeUndefined();
  });

  it('treats automated with enabled: false (Argo CD 3) as off', () => {
    expect(automatedOf({ spec: { syncPolicy: { automated: { selfHeal: true } } } })).toEqual({ selfHeal: true });
    expect(automatedOf({ spec: { syncPolicy: { automated: { selfHeal: true, enabled: false } } } })).toBeUndefined();
  });

  it('reads the remembered policy, and says what to do when the annotation is not one', () => {
    expect(rememberedPolicy({ metadata: { annotations: { [SUSPENDED_POLICY_ANNOTATION]: '{"prune":true,"selfHeal":true}' } } })).toEqual({ prune: true, selfHeal: true });
    expect(rememberedPolicy({ metadata: {} })).toBeUndefined();
    expect(() => rememberedPolicy({ metadata: { annotations: { [SUSPENDED_POLICY_ANNOTATION]: '[1]' } } })).toThrow(/not a sync policy; fix or remove it/);
  });
});
