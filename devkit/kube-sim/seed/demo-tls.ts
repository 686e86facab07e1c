import { seedDemoTlsSecrets } from '../../certs/seed.js';
import type { SimCluster } from '../cluster.js';

/**
 * The demo's TLS material: kubernetes.io/tls Secrets with real certificates (expired, days from
 * expiry, an intermediate that expires first, garbage PEM) and a failing cert-manager Certificate,
 * so `/k8s certs` and the scheduled scan have something true to say. seedDemo calls it last.
 */
export async function seedDemoTls(cluster: SimCluster, _clusterName: string): Promise<void> {
  await seedDemoTlsSecrets(cluster, { namespace: 'shop', certManager: true });
}
