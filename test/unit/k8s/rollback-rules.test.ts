import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/core/errors.js';
import { planRollback } from '../../../src/k8s/workloads/rollback.js';
import {
  deploymentRollbackPatch,
  pickRollbackRevision,
  replicaSetRevision,
  rollbackAnnotations,
  templatesMatch,
} from '../../../src/k8s/workloads/rollback-rules.js';
import type { HistoryEntry } from '../../../src/k8s/workloads/workload-history.js';

const tpl = (image: string, hash = 'h1') => ({
  metadata: { labels: { app: 'api', 'pod-template-hash': hash } },
  spec: { containers: [{ name: 'app', image }] },
});

const rs = (revision: number, image: string, annotations: Record<string, string> = {}): HistoryEntry => ({
  revision,
  template: tpl(image, `h${revision}`),
  object: { kind: 'ReplicaSet', metadata: { name: `api-${revision}`, annotations: { 'deployment.kubernetes.io/revision': String(revision), ...annotations } } },
});

const deployment = (image: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Deployment',
  metadata: {
    name: 'api',
    namespace: 'shop',
    uid: 'u1',
    annotations: { 'deployment.kubernetes.io/revision': '3', 'team': 'payments', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: { template: tpl(image, 'h3'), ...extra },
});

describe('replicaSetRevision', () => {
  it('treats a missing annotation as 0 and ignores unparsable ones', () => {
    expect(replicaSetRevision({ metadata: {} })).toBe(0);
    expect(replicaSetRevision({ metadata: { annotations: { 'deployment.kubernetes.io/revision': '7' } } })).toBe(7);
    expect(replicaSetRevision({ metadata: { annotations: { 'deployment.kubernetes.io/revision': 'x' } } })).toBeUndefined();
  });
});

describe('pickRollbackRevision', () => {
  const history = [rs(1, 'a'), rs(3, 'c'), rs(2, 'b')];
  it('picks the second-highest revision by default', () => {
    expect(pickRollbackRevision(history, undefined, 'none').revision).toBe(2);
  });
  it('picks --to N or fails with kubectl text', () => {
    expect(pickRollbackRevision(history, 1, 'none').revision).toBe(1);
    expect(() => pickRollbackRevision(history, 9, 'none')).toThrow('unable to find specified revision 9 in history');
  });
  it('needs two revisions', () => {
    expect(() => pickRollbackRevision([rs(1, 'a')], undefined, 'no rollout history found for deployment "api"')).toThrow(NotFoundError);
  });
});

describe('rollbackAnnotations', () => {
  it('keeps deployment bookkeeping keys, copies the rest from the RS and drops the others', () => {
    const out = rollbackAnnotations(
      { 'deployment.kubernetes.io/revision': '3', team: 'payments', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'v2', 'deployment.kubernetes.io/desired-replicas': '3' },
    );
    expect(out).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'kubernetes.io/change-cause': 'v2',
    });
  });
});

describe('templatesMatch', () => {
  it('ignores pod-template-hash and unset-vs-empty differences', () => {
    const a = tpl('x', 'h1');
    const b = { ...tpl('x', 'h9'), spec: { containers: [{ name: 'app', image: 'x', env: [] }] } };
    expect(templatesMatch(a, b)).toBe(true);
    expect(templatesMatch(a, tpl('y'))).toBe(false);
  });
});

describe('planRollback (Deployment)', () => {
  const history = [rs(1, 'a'), rs(2, 'b'), rs(3, 'c')];
  it('builds kubectl\'s json patch without the hash label', () => {
    const plan = planRollback(deployment('c'), history, undefined);
    expect(plan.toRevision).toBe(2);
    expect(plan.patch?.contentType).toBe('application/json-patch+json');
    const ops = plan.patch?.body as { path: string; value: { metadata?: { labels?: Record<string, string> } } }[];
    expect(ops.map((o) => o.path)).toEqual(['/spec/template', '/metadata/annotations']);
    expect(ops[0]?.value.metadata?.labels).toEqual({ app: 'api' });
  });
  it('skips when the current template already matches', () => {
    const plan = planRollback(deployment('b'), history, 2);
    expect(plan.patch).toBeUndefined();
    expect(plan.skippedMessage).toBe('skipped rollback (current template already matches revision 2)');
  });
  it('refuses a paused deployment after the lookup', () => {
    expect(() => planRollback(deployment('c', { paused: true }), history, 9)).toThrow('unable to find specified revision 9');
    expect(() => planRollback(deployment('c', { paused: true }), history, undefined)).toThrow(/cannot rollback a paused deployment/);
  });
  it('renders the patch shape', () => {
    expect(deploymentRollbackPatch({}, { a: 'b' })).toEqual([
      { op: 'replace', path: '/spec/template', value: {} },
      { op: 'replace', path: '/metadata/annotations', value: { a: 'b' } },
    ]);
  });
});

describe('planRollback (StatefulSet)', () => {
  const cr = (revision: number, image: string): HistoryEntry => {
    const template = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } };
    return { revision, template, object: { kind: 'ControllerRevision', revision, data: { spec: { template: { ...template, $patch: 'replace' } } } } };
  };
  const sts = (image: string) => ({ kind: 'StatefulSet', metadata: { name: 'db' }, spec: { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } } } });
  it('sends revision.data as a strategic merge patch', () => {
    const plan = planRollback(sts('v2'), [cr(1, 'v1'), cr(2, 'v2')], undefined);
    expect(plan.patch?.contentType).toBe('application/strategic-merge-patch+json');
    expect(plan.patch?.body).toEqual(cr(1, 'v1').object['data']);
  });
  it('needs a last revision and skips an already-current one', () => {
    expect(() => planRollback(sts('v1'), [cr(1, 'v1')], undefined)).toThrow('no last revision to roll back to');
    expect(planRollback(sts('v1'), [cr(1, 'v1'), cr(2, 'v2')], 1).skippedMessage).toMatch(/already matches revision 1/);
  });
});
