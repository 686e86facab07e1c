import type { Caller } from './types.js';

/** Whether the caller is named in a run/approve list: by user id, by a group they belong to, or "*". */
export function isListed(list: readonly string[], caller: Caller): boolean {
  return list.some((id) => id === '*' || id === caller.user || caller.userGroups.has(id));
}

/** `[S0ONCALL, U123]` as written in the configuration, for denial messages. */
export function describeList(list: readonly string[]): string {
  return list.length === 0 ? '[] (nobody)' : `[${list.join(', ')}]`;
}

export function isGroupId(id: string): boolean {
  return /^S[A-Z0-9]+$/.test(id);
}
