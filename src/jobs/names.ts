import type { RequestId } from '../core/ids.js';

/**
 * Every name the pipeline puts into Redis, in one place: queue names, key prefixes and job-id
 * schemes. Two processes agree on these or they cannot share work, so nothing else spells them.
 */
export const QUEUE_NAMES = { plans: 'plans', mutations: 'mutations', reads: 'reads', expiry: 'expiry' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const ALERTS_QUEUE = 'alerts';

/** BullMQ's key prefix for the pipeline's and the alerts' queues (the notifier uses the bare prefix). */
export const bullPrefixOf = (prefix: string): string => `${prefix}:q`;

/** The pub/sub channel a cancel of a running request is broadcast on. */
export const cancelChannelOf = (prefix: string): string => `${prefix}:cancel`;

/** The audit stream (its head lives at `<key>:head`). */
export const auditKeyOf = (prefix: string): string => `${prefix}:audit`;

/** The name a target's mutex is created under (the lock adapter maps it to a Redis key). */
export const targetLockNameOf = (prefix: string, targetKey: string): string => `${prefix}:lock:${targetKey}`;

export type JobIdKind = 'plan' | 'op' | 'expiry';

/**
 * BullMQ job ids derived from the request id: a second `add` with the same id is a no-op while the
 * first job is stored, which is what makes twenty Approve clicks run one job. BullMQ ids must not
 * contain ':' and must not be all digits; ours never do.
 */
export function jobIdOf(kind: JobIdKind, requestId: RequestId | string): string {
  return `${kind}-${requestId}`;
}
