import type { SimCluster } from '../../devkit/kube-sim/index.js';

/**
 * Make the demo's `api-service-pdb` allow no disruption at all, so a drain of a node with an
 * api-service pod keeps retrying its eviction (429) until cancelled, interrupted or timed out.
 */
export async function blockApiServiceDisruptions(cluster: SimCluster): Promise<void> {
  const pdb = cluster.get('policy/v1', 'PodDisruptionBudget', 'shop', 'api-service-pdb') as unknown as { spec: Record<string, unknown> } | undefined;
  if (!pdb) throw new Error('demo seed has no shop/api-service-pdb');
  pdb.spec = { maxUnavailable: 0, selector: { matchLabels: { app: 'api-service' } } };
  await cluster.update(pdb);
  await cluster.settle();
}
