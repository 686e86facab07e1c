import type { SimCluster } from '../cluster.js';

/**
 * Hook for the demo's TLS material (kubernetes.io/tls Secrets with real certificates, some close to
 * expiry). Owned by whoever builds certificate checks; seedDemo calls it last, once per cluster.
 */
export async function seedDemoTls(_cluster: SimCluster, _clusterName: string): Promise<void> {
  await Promise.resolve();
}
