import { describe, expect, it } from 'vitest';
import { renderRequestCard } from '../../../../src/slack/views/request-card.js';
import { aPlan, aRecord } from '../../../support/record-fixture.js';
import { allText } from './block-text.js';
import { workloadStatusSections } from '../../../../src/slack/views/workload-status.js';
import type { WorkloadStatusReport } from '../../../../src/core/workload-status.js';

describe('the owner on request cards', () => {
  it('shows the Helm owner with revision and chart', () => {
    const plan = aPlan({ owner: { kind: 'helm', release: 'api-service', namespace: 'shop', revision: 7, chart: 'api-service-1.4.2', status: 'deployed' } });
    expect(allText(renderRequestCard(aRecord({ plan })).blocks)).toContain('*Owner:* Helm release api-service, revision 7, chart api-service-1.4.2');
  });

  it('shows the drift warning that policy `warn` let through, escaped', () => {
    const plan = aPlan({
      owner: { kind: 'argocd', application: '<!here>', via: 'instance-label' },
      ownerWarning: 'Argo CD Application <!here> syncs this workload from Git: with self-heal it reverts a kubectl-style restart',
    });
    const text = allText(renderRequestCard(aRecord({ plan })).blocks);
    expect(text).toContain(':warning: *Drift warning:* Argo CD Application &lt;!here&gt; syncs this workload from Git');
    expect(text).not.toContain('<!here>');
  });

  it('shows nothing about owners for plans without one', () => {
    expect(allText(renderRequestCard(aRecord()).blocks)).not.toContain('Owner:');
  });
});

describe('the owner in /k8s status', () => {
  const report: WorkloadStatusReport = {
    kind: 'workload-status', workload: 'deployment/api', rollout: { state: 'done', message: 'rolled out' }, ready: 1, desired: 1, revision: 3,
    specImages: ['api:v1'], versions: [], troubledPods: [], warnings: [],
  };

  it('leads with the owner, or says why it is unknown', () => {
    expect(workloadStatusSections({ ...report, owner: { kind: 'flux', controller: 'Kustomization', name: 'apps', namespace: 'flux-system' } })[0]?.text).toMatch(/^owner: Flux Kustomization flux-system\/apps\n/);
    expect(workloadStatusSections({ ...report, owner: 'the cluster did not answer' })[0]?.text).toMatch(/^owner: unknown \(the cluster did not answer\)\n/);
    expect(workloadStatusSections(report)[0]?.text).toMatch(/^rollout:/);
  });
});
