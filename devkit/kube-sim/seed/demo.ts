import type { SimCluster } from '../cluster.js';

/** Placeholder until the demo seed lands; see seedDemo below. */
export async function seedDemo(_cluster: SimCluster, _name: string): Promise<void> {
  await Promise.resolve();
}
