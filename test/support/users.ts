/** The people of the test workspace and the config that gives them their roles. */
export const USERS = {
  requester: 'U0REQUEST1',
  approver: 'U0APPROVE1',
  approver2: 'U0APPROVE2',
  bystander: 'U0BYSTAND1',
} as const;

export const GROUPS = {
  oncall: 'S0ONCALL',
  sreLeads: 'S0SRELEADS',
  payments: 'S0PAYMENTS',
} as const;

export const CHANNEL = 'C0OPS';

export const SIM_USERS = [
  { id: USERS.requester, name: 'riley.requester' },
  { id: USERS.approver, name: 'avery.approver' },
  { id: USERS.approver2, name: 'alex.approver' },
  { id: USERS.bystander, name: 'bailey.bystander' },
];

export const SIM_GROUPS: Record<string, string[]> = {
  [GROUPS.oncall]: [USERS.requester, USERS.approver, USERS.approver2],
  [GROUPS.sreLeads]: [USERS.approver, USERS.approver2],
  [GROUPS.payments]: [USERS.requester],
};

/** shipmate.yaml for tests: prod needs one approval from an SRE lead; dev is open. */
export function testConfigYaml(opts: { approvals?: number; approvalTtl?: string } = {}): string {
  return `clusters:
  prod: { context: prod }
  dev: { context: dev }
environments:
  prod: { cluster: prod, namespace: shop, policy: production }
  dev: { cluster: dev, namespace: shop, policy: open }
apps:
  api-service:
    workload: deployment/api-service
    owners: [${GROUPS.payments}]
  web-frontend:
    workload: deployment/web-frontend
    owners: [${GROUPS.payments}]
policies:
  production:
    run: [${GROUPS.oncall}]
    approve: [${GROUPS.sreLeads}]
    approvals: ${opts.approvals ?? 1}
    approvalTtl: ${opts.approvalTtl ?? '30m'}
    readOnlyWithoutApproval: true
  open:
    run: ["*"]
    approvals: 0
`;
}
