import { describe, expect, it } from 'vitest';
import { releaseTroubles, revisionLabelOf } from '../../../../src/k8s/helm/release-health.js';

const rev = (release: string, version: number, status: string) => ({ release, version, status });

describe('releaseTroubles', () => {
  it('reports only releases whose latest revision is failed or pending, with the fix', () => {
    const troubles = releaseTroubles([rev('ok', 1, 'superseded'), rev('ok', 2, 'deployed'), rev('api', 1, 'deployed'), rev('api', 2, 'failed'), rev('web', 4, 'deployed'), rev('web', 5, 'pending-rollback')]);
    expect(troubles.map((t) => [t.release, t.blocking])).toEqual([['api', false], ['web', true]]);
    expect(troubles[0]?.text).toBe('Helm release api: revision 2 failed; revision 1 is still the deployed one; retry the upgrade or helm rollback api 1 (or /k8s rollback with --to 1)');
    expect(troubles[1]?.text).toContain('stuck in pending-rollback at revision 5');
  });

  it('an old failure followed by a good revision is history, not trouble', () => {
    expect(releaseTroubles([rev('api', 1, 'failed'), rev('api', 2, 'deployed')])).toEqual([]);
  });

  it('a first install that never finished has no deployed revision to go back to', () => {
    expect(releaseTroubles([rev('new', 1, 'pending-install')])[0]?.text).toContain('fix: helm rollback new or helm uninstall new');
  });
});

describe('revisionLabelOf: when helm last wrote the record', () => {
  const meta = (labels: Record<string, string>, creationTimestamp?: string) => ({ metadata: { name: 'x', labels, ...(creationTimestamp ? { creationTimestamp } : {}) } });
  const base = { owner: 'helm', name: 'api', version: '3', status: 'pending-upgrade' };

  it('prefers modifiedAt (an Update) over createdAt (a Create), both unix seconds', () => {
    expect(revisionLabelOf(meta({ ...base, createdAt: '1700000000', modifiedAt: '1700000600' }))?.changedAt).toBe(1_700_000_600_000);
    expect(revisionLabelOf(meta({ ...base, createdAt: '1700000000' }))?.changedAt).toBe(1_700_000_000_000);
  });

  it('falls back to the object\'s creationTimestamp, and to nothing when that is absent too', () => {
    expect(revisionLabelOf(meta(base, '2026-11-30T11:00:00Z'))?.changedAt).toBe(Date.parse('2026-11-30T11:00:00Z'));
    expect(revisionLabelOf(meta({ ...base, createdAt: 'soon' }))).toEqual({ release: 'api', version: 3, status: 'pending-upgrade' });
  });

  it('carries the deployed revision and the time onto the trouble', () => {
    const [t] = releaseTroubles([{ release: 'api', version: 2, status: 'deployed' }, { release: 'api', version: 3, status: 'pending-upgrade', changedAt: 5 }]);
    expect(t).toMatchObject({ deployedVersion: 2, changedAt: 5, blocking: true });
  });
});
