import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter, parseLabelSelector, selectorMatches, selectorToString } from '../../../../devkit/kube-sim/selectors.js';
import type { KubeObject } from '../../../../devkit/kube-sim/types.js';

const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p1', namespace: 'shop', uid: 'u', resourceVersion: '1', creationTimestamp: '', labels },
  ...extra,
});

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'fe', canary: 'true' };
  const cases: [string, boolean][] = [
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['tier in (fe,be)', true],
    ['tier in (be)', false],
    ['tier notin (be, db)', true],
    ['missing notin (a)', true],
    ['canary', true],
    ['!canary', false],
    ['!missing', true],
    ['app=web,tier in (fe),!missing', true],
    ['app=web,tier=be', false],
    ['', true],
  ];
  it.each(cases)('%s → %s', (selector, expected) => {
    expect(matchesFilter(parseFilter(selector, undefined), obj(labels))).toBe(expected);
  });

  it('rejects garbage with a 400', () => {
    expect(() => parseLabelSelector('app=(x')).toThrow(/unable to parse requirement/);
  });

  it('structured selectors match and render like kubectl shows them', () => {
    const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'legacy', operator: 'DoesNotExist' }] };
    expect(selectorMatches(selector, labels)).toBe(true);
    expect(selectorMatches(selector, { ...labels, legacy: 'y' })).toBe(false);
    expect(selectorToString(selector)).toBe('app=web,tier in (fe,be),!legacy');
  });
});

describe('field selectors', () => {
  const pod = obj({}, { spec: { nodeName: 'node-b' }, status: { phase: 'Running' } });
  it('matches metadata, spec.nodeName and status.phase with =, == and !=', () => {
    expect(matchesFilter(parseFilter(undefined, 'metadata.name=p1,metadata.namespace==shop'), pod)).toBe(true);
    expect(matchesFilter(parseFilter(undefined, 'spec.nodeName=node-b,status.phase!=Succeeded,status.phase!=Failed'), pod)).toBe(true);
    expect(matchesFilter(parseFilter(undefined, 'spec.nodeName=node-a'), pod)).toBe(false);
  });

  it('matches involvedObject fields of events and type of secrets', () => {
    const event = obj({}, { involvedObject: { kind: 'Pod', name: 'p1', uid: 'abc' } });
    expect(matchesFilter(parseFilter(undefined, 'involvedObject.kind=Pod,involvedObject.name=p1,involvedObject.uid=abc'), event)).toBe(true);
    const secret = obj({}, { type: 'kubernetes.io/tls' });
    expect(matchesFilter(parseFilter(undefined, 'type=kubernetes.io/tls'), secret)).toBe(true);
    expect(matchesFilter(parseFilter(undefined, 'type=Opaque'), secret)).toBe(false);
  });
});
