import type { SimCluster } from '../cluster.js';
import { templateHash } from '../controllers/hash.js';
import type { KubeObject, PodTemplate } from '../types.js';

export const REGISTRY = 'registry.example.com/shop';

export function template(app: string, image: string, extra: Record<string, unknown> = {}): PodTemplate {
  return {
    metadata: { labels: { app } },
    spec: {
      containers: [
        {
          name: app,
          image,
          ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          ...extra,
        },
      ],
    },
  };
}

/**
 * A Deployment with rollout history already behind it: older revisions are ReplicaSets scaled to 0
 * (or still carrying pods when `oldStillServing`), owned by the deployment as the controller leaves them.
 */
export async function deploymentWithHistory(
  cluster: SimCluster,
  opts: { name: string; namespace: string; replicas: number; history: { image: string; cause: string }[]; oldStillServing?: boolean },
): Promise<KubeObject> {
  const current = opts.history[opts.history.length - 1];
  if (!current) throw new Error('history needs at least one revision');
  const deploy = await cluster.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: opts.name, namespace: opts.namespace, labels: { app: opts.name }, annotations: { 'kubernetes.io/change-cause': current.cause } },
    spec: { replicas: opts.replicas, selector: { matchLabels: { app: opts.name } }, template: template(opts.name, current.image) },
  });
  for (const [i, rev] of opts.history.slice(0, -1).entries()) {
    const t = template(opts.name, rev.image);
    const hash = templateHash(t);
    const serving = opts.oldStillServing && i === opts.history.length - 2;
    await cluster.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${opts.name}-${hash}`,
        namespace: opts.namespace,
        labels: { app: opts.name, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': String(i + 1),
          'deployment.kubernetes.io/desired-replicas': String(opts.replicas),
          'deployment.kubernetes.io/max-replicas': String(opts.replicas + Math.ceil(opts.replicas / 4)),
          'kubernetes.io/change-cause': rev.cause,
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: opts.name, uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: serving ? opts.replicas : 0,
        selector: { matchLabels: { app: opts.name, 'pod-template-hash': hash } },
        template: { ...t, metadata: { labels: { app: opts.name, 'pod-template-hash': hash } } },
      },
    });
  }
  return deploy;
}

export async function service(cluster: SimCluster, name: string, namespace: string, port = 80): Promise<void> {
  await cluster.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort: 8080, protocol: 'TCP' }] },
  });
}
