import { describe, expect, it } from 'vitest';
import { releaseTroubles } from '../../../../src/k8s/helm/release-health.js';

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
