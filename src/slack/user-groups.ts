import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

export interface UserGroupResolver {
  /** The subset of `groups` (S… ids) that `user` belongs to. */
  groupsOf(user: string, groups: readonly string[]): Promise<Set<string>>;
}

/**
 * Group membership for policy checks, from `usergroups.users.list` (Tier 2, ~20/min), cached per
 * group for a short TTL so a burst of clicks costs one call. A failed lookup counts as "not a
 * member" (fail closed) and is logged; it never throws into a listener.
 */
export function createUserGroupResolver(opts: { client: WebClient; logger: Logger; ttlMs?: number; now?: () => number }): UserGroupResolver {
  const ttl = opts.ttlMs ?? 3 * 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; members: Promise<Set<string>> }>();

  const membersOf = (group: string): Promise<Set<string>> => {
    const hit = cache.get(group);
    if (hit && now() - hit.at < ttl) return hit.members;
    const members = opts.client.usergroups.users
      .list({ usergroup: group })
      .then((r) => new Set(r.users ?? []))
      .catch((err: unknown) => {
        opts.logger.warn({ group, err: (err as Error).message }, 'user group lookup failed; treating as no members');
        cache.delete(group);
        return new Set<string>();
      });
    cache.set(group, { at: now(), members });
    return members;
  };

  return {
    async groupsOf(user, groups) {
      const ids = [...new Set(groups.filter((g) => g.startsWith('S')))];
      const results = await Promise.all(ids.map(async (g) => ((await membersOf(g)).has(user) ? g : null)));
      return new Set(results.filter((g): g is string => g !== null));
    },
  };
}
