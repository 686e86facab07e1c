import type { Owner } from '../../core/owner.js';

export interface OwnerCache {
  get(key: string): Owner | undefined;
  set(key: string, owner: Owner): void;
}

/**
 * Owners change rarely but are read on every plan, status and fingerprint; a few seconds of
 * memory spares the LISTs. Entries expire by the injected clock, and the cache holds at most
 * `maxEntries` (oldest dropped first).
 */
export function createOwnerCache(options: { ttlMs: number; now?: () => number; maxEntries?: number }): OwnerCache {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 1_000;
  const entries = new Map<string, { owner: Owner; at: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (now() - hit.at >= options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return hit.owner;
    },
    set(key, owner) {
      entries.delete(key);
      entries.set(key, { owner, at: now() });
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}
