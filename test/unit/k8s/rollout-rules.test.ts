import { describe, expect, it } from 'vitest';
import { rolloutVerdict } from '../../../src/k8s/workloads/rollout-rules.js';

const dep = (status: Record<string, unknown>, generation = 2, replicas = 3) => ({
  kind: 'Deployment',
  metadata: { name: 'api', generation },
  spec: { replicas },
  status: { observedGeneration: 2, ...status },
});

describe('rolloutVerdict (Deployment)', () => {
  it('waits for the spec to be observed', () => {
    expect(rolloutVerdict(dep({}, 3))).toEqual({ state: 'waiting', message: 'Waiting for deployment spec update to be observed...' });
  });
  it('fails on ProgressDeadlineExceeded', () => {
    const v = rolloutVerdict(dep({ conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] }));
    expect(v).toEqual({ state: 'failed', message: 'deployment "api" exceeded its progress deadline' });
  });
  it('applies the three waiting rules in order, then done', () => {
    expect(rolloutVerdict(dep({ updatedReplicas: 1, replicas: 3 })).message).toMatch(/1 out of 3 new replicas have been updated/);
    expect(rolloutVerdict(dep({ updatedReplicas: 3, replicas: 4 })).message).toMatch(/1 old replicas are pending termination/);
    expect(rolloutVerdict(dep({ updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toMatch(/2 of 3 updated replicas are available/);
    expect(rolloutVerdict(dep({ updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toEqual({ state: 'done', message: 'deployment "api" successfully rolled out' });
  });
});

describe('rolloutVerdict (DaemonSet, StatefulSet)', () => {
  it('daemon set: updated and available against desired', () => {
    const ds = (s: Record<string, unknown>) => ({ kind: 'DaemonSet', metadata: { name: 'agent', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, ...s } });
    expect(rolloutVerdict(ds({ updatedNumberScheduled: 2 })).state).toBe('waiting');
    expect(rolloutVerdict(ds({ updatedNumberScheduled: 3, numberAvailable: 3 })).state).toBe('done');
    expect(rolloutVerdict({ ...ds({}), spec: { updateStrategy: { type: 'OnDelete' } } }).state).toBe('failed');
  });
  it('stateful set: observed, ready, partition and revisions', () => {
    const sts = (spec: Record<string, unknown>, s: Record<string, unknown>) => ({ kind: 'StatefulSet', metadata: { name: 'db', generation: 1 }, spec: { replicas: 3, ...spec }, status: { observedGeneration: 1, readyReplicas: 3, ...s } });
    expect(rolloutVerdict(sts({}, { observedGeneration: 0 })).state).toBe('waiting');
    expect(rolloutVerdict(sts({}, { readyReplicas: 1 })).message).toBe('Waiting for 2 pods to be ready...');
    expect(rolloutVerdict(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { updatedReplicas: 1 })).state).toBe('waiting');
    expect(rolloutVerdict(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { updatedReplicas: 2 })).state).toBe('done');
    expect(rolloutVerdict(sts({}, { updateRevision: 'b', currentRevision: 'a' })).state).toBe('waiting');
    expect(rolloutVerdict(sts({}, { updateRevision: 'b', currentRevision: 'b' })).state).toBe('done');
  });
});
