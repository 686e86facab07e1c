import { parseConfig } from '../../../src/config/index.js';
import type { ShipmateConfig } from '../../../src/config/types.js';

const YAML = `
clusters: { prod-eu: { context: prod-eu }, local: { inCluster: true } }
environments:
  prod: { cluster: prod-eu, namespace: shop, policy: production, channel: C0PRODOPS }
  staging: { cluster: prod-eu, namespace: shop-staging, policy: open }
  dev: { cluster: local, namespace: shop-dev, policy: open }
apps:
  api-service: { workload: deployment/api-service, owners: [S0PAYMENTS] }
  cart: { workload: statefulset/cart }
  node-agent: { workload: daemonset/node-agent }
policies:
  production: { run: [S0ONCALL], approve: [S0SRELEADS], approvals: 1, commands: { drain: { approvals: 2 } } }
  open: { run: ["*"], approvals: 0 }
`;

export function testConfig(): ShipmateConfig {
  const r = parseConfig(YAML);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}
