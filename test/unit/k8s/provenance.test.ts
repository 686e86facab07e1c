import { describe, expect, it } from 'vitest';
import { changeCause, provenanceAnnotations, withAnnotations } from '../../../src/k8s/objects/provenance.js';
import { provenanceOf } from '../../../src/k8s/operations/request-provenance.js';

const who = { requestId: 'R-ABC123', command: 'rollback', requester: 'alice', approvers: ['bob'] };

describe('provenance', () => {
  it('reads like kubectl change-cause and carries the request id', () => {
    expect(provenanceAnnotations(who)).toEqual({
      'kubernetes.io/change-cause': 'shipmate R-ABC123 rollback by @alice, approved by @bob',
      'shipmate.dev/request-id': 'R-ABC123',
    });
  });

  it('keeps names on one line and does not double an @', () => {
    expect(changeCause({ ...who, requester: '@al\nice', approvers: [] })).toBe('shipmate R-ABC123 rollback by @al-ice');
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

describe('provenanceOf', () => {
  const base = { requestId: 'R-ABC123', invocation: { command: 'rollback', app: 'api', env: 'prod' } as const, requester: 'U0ALICE' };

  it('names the requester by handle where the record has one', () => {
    expect(changeCause(provenanceOf({ ...base, requesterHandle: 'alice', approvers: [{ id: 'U0BOB', handle: 'bob' }, { id: 'U0CAROL' }] }))).toBe(
      'shipmate R-ABC123 rollback by @alice, approved by @bob, @U0CAROL',
    );
  });

  it('falls back to the user id for a record from before handles were kept', () => {
    expect(changeCause(provenanceOf(base))).toBe('shipmate R-ABC123 rollback by @U0ALICE');
  });

  it('cleans a handle again where it lands in the annotation, whatever the record holds', () => {
    expect(changeCause(provenanceOf({ ...base, requesterHandle: 'al ice', approvers: [{ id: 'U0BOB', handle: 'b\u0007ob, approved by @x' }] }))).toBe(
      'shipmate R-ABC123 rollback by @al-ice, approved by @b-ob-approved-by-x',
    );
  });
});
