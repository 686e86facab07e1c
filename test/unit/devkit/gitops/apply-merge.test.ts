import { describe, expect, it } from 'vitest';
import { matches } from '../../../../devkit/kube-sim/gitops/apply.js';
import { goDurationMs } from '../../../../devkit/kube-sim/gitops/context.js';
import { finishOperation } from '../../../../devkit/kube-sim/gitops/argocd/operation-state.js';
import type { AppStatus } from '../../../../devkit/kube-sim/gitops/argocd/types.js';
import { upsertSnapshot } from '../../../../devkit/kube-sim/gitops/flux/inventory.js';

describe('GitOps simulation helpers', () => {
  it('compares only the fields a manifest sets (defaults and extra keys are not drift)', () => {
    expect(matches({ spec: { replicas: 2, template: { containers: [{ name: 'a', image: 'x:1' }] } } }, { spec: { replicas: 2, paused: false, template: { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }] } } })).toBe(true);
    expect(matches({ spec: { template: { containers: [{ image: 'x:1' }] } } }, { spec: { template: { containers: [{ image: 'x:2' }] } } })).toBe(false);
    expect(matches({ ports: [{ port: 80 }] }, { ports: [{ port: 80 }, { port: 81 }] })).toBe(false);
  });

  it('parses Flux intervals as Go durations', () => {
    expect(goDurationMs('1m30s', 0)).toBe(90_000);
    expect(goDurationMs('500ms', 0)).toBe(500);
    expect(goDurationMs('soon', 7)).toBe(7);
  });

  it('keeps Argo CD history ids increasing and trims it to revisionHistoryLimit', () => {
    const status: AppStatus = {};
    for (const revision of ['r1', 'r2', 'r3', 'r4']) {
      const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', uid: '', resourceVersion: '', creationTimestamp: '' }, operation: {} };
      finishOperation(app, {
        status,
        spec: { revisionHistoryLimit: 2 },
        op: { sync: { revision }, initiatedBy: { username: 'alice' } },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-01-01T00:00:00Z',
        extra: { syncResult: { revision }, history: true },
      });
      expect(app.operation).toBeUndefined();
    }
    expect(status.history?.map((h) => [h.id, h.revision])).toEqual([
      [2, 'r3'],
      [3, 'r4'],
    ]);
    expect(status.operationState).toMatchObject({ phase: 'Succeeded', syncResult: { revision: 'r4' } });
  });

  it('keeps Flux history newest first, counting repeats of the same digest', () => {
    let h = upsertSnapshot(undefined, { digest: 'd1', lastReconciled: 't1', lastReconciledDuration: '1s', lastReconciledStatus: 'ReconciliationSucceeded' });
    h = upsertSnapshot(h, { digest: 'd2', lastReconciled: 't2', lastReconciledDuration: '1s', lastReconciledStatus: 'ReconciliationSucceeded' });
    h = upsertSnapshot(h, { digest: 'd1', lastReconciled: 't3', lastReconciledDuration: '1s', lastReconciledStatus: 'ReconciliationSucceeded' });
    expect(h.map((s) => [s.digest, s.totalReconciliations, s.firstReconciled, s.lastReconciled])).toEqual([
      ['d1', 2, 't1', 't3'],
      ['d2', 1, 't2', 't2'],
    ]);
  });
});
