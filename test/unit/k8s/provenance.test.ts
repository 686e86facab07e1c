import { describe, expect, it } from 'vitest';
import { changeCause, provenanceAnnotations, withAnnotations } from '../../../src/k8s/objects/provenance.js';

const who = { requestId: 'R-ABC123', command: 'rollback', requester: 'alice', approvers: ['bob'] };

describe('provenance', () => {
  it('reads like kubectl change-cause and carries the request id', () => {
    expect(provenanceAnnotations(who)).toEqual({
      'kubernetes.io/change-cause': 'shipmate R-ABC123 rollback by @alice, approved by @bob',
      'shipmate.dev/request-id': 'R-ABC123',
    });
  });

  it('keeps names on one line and does not double an @', () => {
    expect(changeCause({ ...who, requester: '@al\nice', approvers: [] })).toBe('shipmate R-ABC123 rollback by @alice');
  });

  it('joins the map a rollback JSON patch replaces, and merges into strategic/merge patch bodies', () => {
    const ann = { a: '1' };
    const json = withAnnotations({ contentType: 'application/json-patch+json', body: [{ op: 'replace', path: '/metadata/annotations', value: { keep: 'x' } }] }, ann);
    expect(json.body).toEqual([{ op: 'replace', path: '/metadata/annotations', value: { keep: 'x', a: '1' } }]);
    const smp = withAnnotations({ contentType: 'application/strategic-merge-patch+json', body: { spec: { x: 1 } } }, ann);
    expect(smp.body).toEqual({ spec: { x: 1 }, metadata: { annotations: { a: '1' } } });
    expect(() => withAnnotations({ contentType: 'application/json-patch+json', body: [] }, ann)).toThrow(/cannot carry provenance/);
  });
});
