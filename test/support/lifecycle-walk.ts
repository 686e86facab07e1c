import type { RequestRecord, RequestState } from '../../src/core/request.js';
import { TRANSITIONS, type TransitionName } from '../../src/jobs/lifecycle.js';
import type { RecordPatch, RequestStore } from '../../src/jobs/request-store.js';

/** The shortest chain of named transitions from `from` to `to` (breadth first over the table). */
export function pathBetween(from: RequestState, to: RequestState): TransitionName[] {
  const seen = new Map<RequestState, TransitionName[]>([[from, []]]);
  const frontier: RequestState[] = [from];
  while (frontier.length > 0) {
    const state = frontier.shift()!;
    const path = seen.get(state)!;
    if (state === to) return path;
    for (const [name, t] of Object.entries(TRANSITIONS) as [TransitionName, (typeof TRANSITIONS)[TransitionName]][]) {
      if (!(t.from as readonly RequestState[]).includes(state) || seen.has(t.to)) continue;
      seen.set(t.to, [...path, name]);
      frontier.push(t.to);
    }
  }
  throw new Error(`the lifecycle has no path ${from} → ${to}`);
}

/**
 * Moves a stored request to `state` through the lifecycle's own transitions, as a replica that
 * died right after would have left it. `patch` goes with the first step.
 */
export async function walkTo(store: RequestStore, id: string, state: RequestState, patch: RecordPatch = {}): Promise<RequestRecord> {
  const cur = await store.get(id);
  if (!cur) throw new Error(`no request ${id}`);
  let record = cur;
  for (const [i, name] of pathBetween(cur.state, state).entries()) {
    const res = await store.transition(id, TRANSITIONS[name], i === 0 ? patch : {});
    if (!res.ok) throw new Error(`${id}: ${name} failed from ${res.record?.state ?? 'nothing'}`);
    record = res.record;
  }
  return record;
}
