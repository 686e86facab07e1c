import type { SimCluster } from '../cluster.js';
import type { PodTemplate } from '../types.js';
import { revisionData } from '../controllers/revisions.js';
import { seedDemoCrds } from './demo-crds.js';
import { seedDemoTls } from './demo-tls.js';
import { seedDemoHelm } from './demo-helm.js';
import { deploymentWithHistory, REGISTRY, service, template } from './demo-workloads.js';

async function namespaces(cluster: SimCluster, names: string[]): Promise<void> {
  for (const name of names) {
    if (cluster.get('v1', 'Namespace', undefined, name)) continue;
    await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
  }
}

async function shopApps(cluster: SimCluster): Promise<void> {
  await deploymentWithHistory(cluster, {
    name: 'api-service',
    namespace: 'shop',
    replicas: 3,
    history: [
      { image: `${REGISTRY}/api-service:v1.4.0`, cause: 'initial release v1.4.0' },
      { image: `${REGISTRY}/api-service:v1.4.1`, cause: 'kubectl set image deployment/api-service api-service=registry.example.com/shop/api-service:v1.4.1' },
      { image: `${REGISTRY}/api-service:v1.4.2`, cause: 'kubectl set image deployment/api-service api-service=registry.example.com/shop/api-service:v1.4.2' },
    ],
  });
  await service(cluster, 'api-service', 'shop');
  await cluster.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web-frontend', namespace: 'shop', labels: { app: 'web-frontend' }, annotations: { 'kubernetes.io/change-cause': 'release v2.0.3' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web-frontend' } }, template: template('web-frontend', `${REGISTRY}/web-frontend:v2.0.3`) },
  });
  await service(cluster, 'web-frontend', 'shop');
  await cluster.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'api-service-pdb', namespace: 'shop' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'api-service' } } },
  });
}

async function ordersDb(cluster: SimCluster): Promise<void> {
  const sts = await cluster.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'orders-db', namespace: 'shop', labels: { app: 'orders-db' } },
    spec: { replicas: 3, serviceName: 'orders-db', selector: { matchLabels: { app: 'orders-db' } }, template: template('orders-db', 'postgres:16.4') },
  });
  // The previous revision (postgres 16.3) as the StatefulSet controller recorded it.
  const old = cluster.get('apps/v1', 'StatefulSet', 'shop', 'orders-db');
  const defaulted = (old?.spec as { template: PodTemplate }).template;
  const previous = { ...defaulted, spec: { ...defaulted.spec, containers: defaulted.spec.containers.map((c) => ({ ...c, image: 'postgres:16.3' })) } };
  await cluster.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: 'orders-db-6d9f8b7c5d',
      namespace: 'shop',
      labels: { app: 'orders-db', 'controller.kubernetes.io/hash': '6d9f8b7c5d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'orders-db', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    data: revisionData(previous),
    revision: 1,
  });
  await service(cluster, 'orders-db', 'shop', 5432);
}

async function logAgent(cluster: SimCluster): Promise<void> {
  await cluster.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-agent', namespace: 'kube-system', labels: { app: 'log-agent' } },
    spec: { selector: { matchLabels: { app: 'log-agent' } }, template: template('log-agent', 'fluent/fluent-bit:3.1.9') },
  });
}

async function quotas(cluster: SimCluster): Promise<void> {
  const hard = { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '20' };
  await cluster.create({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'shop-quota', namespace: 'shop' },
    spec: { hard },
    status: { hard, used: { 'requests.cpu': '3700m', 'requests.memory': '6Gi', 'limits.cpu': '7', 'limits.memory': '12Gi', pods: '18' } },
  });
  await cluster.create({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'shop-limits', namespace: 'shop' },
    spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '2', memory: '2Gi' } }] },
  });
}

async function thirdParty(cluster: SimCluster): Promise<void> {
  await cluster.create({
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name: 'default', namespace: 'velero' },
    spec: { provider: 'aws', objectStorage: { bucket: 'shop-backups' }, default: true },
    status: { phase: 'Available' },
  });
  await cluster.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop', namespace: 'argocd' },
    spec: { project: 'default', source: { repoURL: 'https://git.example.com/shop/deploy.git', path: 'shop', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' } },
    status: { sync: { status: 'Synced', revision: '4f2c9e1' }, health: { status: 'Healthy' }, history: [{ id: 1, revision: '4f2c9e1', deployedAt: new Date().toISOString() }] },
  });
}

/**
 * The demo world, per cluster: a `shop` namespace with api-service (three rollouts of history),
 * web-frontend, the Helm-owned helm-api (two Helm revisions), the orders-db StatefulSet, a PDB, a quota close to its limit, a `shop-dev`
 * namespace without one, log-agent on every node, third-party CRDs, and in `staging` a
 * `checkout` deployment stuck on a crash-looping image. Extend it by adding to these steps;
 * TLS Secrets belong in seedDemoTls.
 */
export async function seedDemo(cluster: SimCluster, name: string): Promise<void> {
  await namespaces(cluster, ['shop', 'shop-dev', 'kube-system', 'velero', 'argocd', 'cert-manager']);
  await seedDemoCrds(cluster);
  await shopApps(cluster);
  await ordersDb(cluster);
  await logAgent(cluster);
  await quotas(cluster);
  await thirdParty(cluster);
  await seedDemoHelm(cluster);
  if (name === 'staging') {
    await deploymentWithHistory(cluster, {
      name: 'checkout',
      namespace: 'shop',
      replicas: 3,
      oldStillServing: true,
      history: [
        { image: `${REGISTRY}/checkout:v3.0.9`, cause: 'release v3.0.9' },
        { image: `${REGISTRY}/checkout:v3.1.0-broken`, cause: 'kubectl set image deployment/checkout checkout=registry.example.com/shop/checkout:v3.1.0-broken' },
      ],
    });
  }
  await seedDemoTls(cluster, name);
}
