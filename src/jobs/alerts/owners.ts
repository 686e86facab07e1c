import type { AppConfig, EnvironmentConfig } from '../../config/types.js';

/**
 * Who to mention for a finding in (cluster, namespace): the owners of every app deployed to an
 * environment that lives there. Cluster-scoped findings (namespace '') mention nobody in
 * particular: they belong to the platform, not to an app team.
 */
export function createOwnerIndex(environments: Record<string, EnvironmentConfig>, apps: Record<string, AppConfig>) {
  const byPlace = new Map<string, Set<string>>();
  const allOwners = [...new Set(Object.values(apps).flatMap((a) => a.owners))];
  for (const env of Object.values(environments)) {
    const place = `${env.cluster}/${env.namespace}`;
    const owners = byPlace.get(place) ?? new Set<string>();
    for (const owner of allOwners) owners.add(owner);
    byPlace.set(place, owners);
  }
  return {
    ownersOf(cluster: string, namespace: string): string[] {
      if (!namespace) return [];
      return [...(byPlace.get(`${cluster}/${namespace}`) ?? [])];
    },
  };
}

export type OwnerIndex = ReturnType<typeof createOwnerIndex>;
