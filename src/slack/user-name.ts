import type { WebClient } from '@slack/web-api';

/**
 * A Slack user's handle (`users.info` → `user.name`), for places outside Slack that name people,
 * such as commit trailers. Best effort: undefined when Slack does not answer.
 */
export function userNameLookup(client: WebClient): (userId: string) => Promise<string | undefined> {
  const cache = new Map<string, string>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit) return hit;
    const res = await client.users.info({ user: userId }).catch(() => undefined);
    const name = res?.user?.name;
    if (name) cache.set(userId, name);
    return name;
  };
}
