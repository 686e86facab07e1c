import type { Plan } from '../../src/core/plan.js';
import type { RequestRecord } from '../../src/core/request.js';

export function aPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    target: { cluster: 'prod-eu', namespace: 'shop', kind: 'Deployment', name: 'api-service' },
    summary: 'roll back deployment/api-service from revision 5 (v1.4.2) to revision 4 (v1.4.1)',
    diff: '--- a/spec\n+++ b/spec\n-  image: api:v1.4.2\n+  image: api:v1.4.1\n',
    dryRun: { performed: true, ok: true, warnings: [] },
    fingerprint: 'uid-1/rv-10/rev-5',
    noop: false,
    facts: { fromRevision: 5, toRevision: 4 },
    ...overrides,
  };
}

export function aRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'R-7KQ2M9AB',
    state: 'awaiting_approval',
    version: 3,
    invocation: { command: 'rollback', app: 'api-service', env: 'prod' },
    text: 'rollback api-service prod',
    scope: { env: 'prod', cluster: 'prod-eu', namespace: 'shop', app: 'api-service' },
    target: { cluster: 'prod-eu', namespace: 'shop', kind: 'Deployment', name: 'api-service' },
    mutates: true,
    requester: 'U0REQ',
    channel: 'C0PRODOPS',
    cardTs: null,
    plan: aPlan(),
    approvalsRequired: 1,
    approvals: [],
    decidedBy: null,
    reason: null,
    status: null,
    result: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:05.000Z',
    expiresAt: '2025-03-01T10:30:00.000Z',
    ...overrides,
  };
}
