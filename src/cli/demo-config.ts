/** The demo's people and shipmate.yaml: three simulated clusters, the apps kube-sim's demo and GitOps seeds create. */
export const DEMO_USERS = {
  requester: { id: 'U0DEMOREQ', name: 'riley (on-call)' },
  approver: { id: 'U0DEMOAPP', name: 'avery (SRE lead)' },
  bystander: { id: 'U0DEMOBYS', name: 'bailey (bystander)' },
};

export const DEMO_CHANNELS = [
  { id: 'C0DEMOOPS', name: 'ops' },
  { id: 'C0DEMOALERTS', name: 'alerts' },
  { id: 'C0DEMOAUDIT', name: 'audit' },
];

export const DEMO_GROUPS: Record<string, string[]> = {
  S0ONCALL: [DEMO_USERS.requester.id, DEMO_USERS.approver.id],
  S0SRELEADS: [DEMO_USERS.approver.id],
  S0PAYMENTS: [DEMO_USERS.requester.id],
};

export const DEMO_CONFIG_YAML = `# Written by \`shipmate demo\`: simulated clusters dev, staging and prod.
clusters:
  dev: { context: dev }
  staging: { context: staging }
  prod: { context: prod }
environments:
  dev: { cluster: dev, namespace: shop, policy: open }
  staging: { cluster: staging, namespace: shop, policy: open }
  prod: { cluster: prod, namespace: shop, policy: production }
apps:
  api-service: { workload: deployment/api-service, owners: [S0PAYMENTS] }
  web-frontend: { workload: deployment/web-frontend, owners: [S0PAYMENTS] }
  checkout: { workload: deployment/checkout, owners: [S0PAYMENTS] }
  orders-db: { workload: statefulset/orders-db, owners: [S0PAYMENTS] }
  argo-api: { workload: deployment/argo-api, owners: [S0PAYMENTS] }
  flux-web: { workload: deployment/flux-web, owners: [S0PAYMENTS] }
  helm-api: { workload: deployment/helm-api, owners: [S0PAYMENTS], owner: { helm: { release: helm-api } } }
policies:
  production:
    run: [S0ONCALL]
    approve: [S0SRELEADS]
    approvals: 1
    approvalTtl: 30m
    readOnlyWithoutApproval: true
    promotion: [dev, staging, prod]
    minHealthyTime: 1m
  open:
    run: ["*"]
    approvals: 0
    promotion: [dev, staging, prod]
alerts:
  certificates: { schedule: "*/5 * * * *", timezone: UTC, warnDays: 21, criticalDays: 7, channel: C0DEMOALERTS }
  quotas: { schedule: "*/5 * * * *", timezone: UTC, warnPercent: 80, criticalPercent: 95, channel: C0DEMOALERTS }
  gitops: { schedule: "*/5 * * * *", timezone: UTC, afterMinutes: 5, channel: C0DEMOALERTS }
audit:
  anchorChannel: C0DEMOAUDIT
  anchorEvery: 10
`;

/** The environment variable the demo's config names for the Git server's push token. */
export const DEMO_GIT_TOKEN_ENV = 'SHIPMATE_DEMO_GIT_TOKEN';

/**
 * The demo config with changes through Git for argo-api (issue 14): upgrade/promote/rollback commit
 * to the seeded repository, whose URL is known once the Git server runs.
 */
export function demoConfigYaml(gitRepoUrl: string): string {
  const argo = `  argo-api:
    workload: deployment/argo-api
    owners: [S0PAYMENTS]
    gitops: { repo: gitops, path: "apps/argo-api/envs/{cluster}", image: { kustomize: registry.example.com/shop/argo-api } }
`;
  return `${DEMO_CONFIG_YAML.replace('  argo-api: { workload: deployment/argo-api, owners: [S0PAYMENTS] }\n', argo)}gitops:
  repos:
    gitops: { url: "${gitRepoUrl}", branch: main, auth: { tokenEnv: ${DEMO_GIT_TOKEN_ENV} }, author: "Shipmate <shipmate@demo.invalid>" }
`;
}
