/**
 * redis-semaphore stores a Mutex named `name` under the Redis key `mutex:<name>`, with the holder's
 * identifier as the value. Shipmate reads that key to say who holds a target and deletes it when a
 * dead worker's lock is released by force; this is the one place that knows the naming, pinned by
 * a contract test against the installed redis-semaphore.
 */
export function mutexRedisKey(mutexName: string): string {
  return `mutex:${mutexName}`;
}
