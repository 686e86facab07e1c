import type { Redis } from 'ioredis';
import { newRequestId } from '../core/ids.js';
import { luaCommand } from '../core/lua-command.js';
import { TERMINAL_STATES, type Approval, type RequestRecord, type RequestState } from '../core/request.js';
import { targetKey, type TargetRef } from '../core/target.js';
import { allowed, type Transition } from './lifecycle.js';
import { storeKeys } from './store-keys.js';
import { CAS_LUA, CLAIM_AUDIT_LUA, CREATE_LUA } from './store-scripts.js';

/** What a caller knows when a request arrives; the store fills in the id, state and bookkeeping. */
export type NewRequest = Pick<
  RequestRecord,
  'invocation' | 'text' | 'scope' | 'target' | 'mutates' | 'requester' | 'requesterHandle' | 'channel' | 'approvalsRequired'
>;

export type RecordPatch = Partial<Omit<RequestRecord, 'id' | 'version' | 'state' | 'createdAt' | 'updatedAt'>>;

export type TransitionResult = { ok: true; record: RequestRecord } | { ok: false; record: RequestRecord | null };

export interface ApprovalResult {
  approvals: Approval[];
  reachedRequired: boolean;
  /** True for exactly one caller: the one whose approval moved the request to `approved`. */
  transitioned: boolean;
  /** The user had already approved; nothing changed. */
  duplicate: boolean;
  /** The record after the attempt (null when it does not exist). */
  record: RequestRecord | null;
}

/** Durable request records with atomic, versioned state changes. */
export interface RequestStore {
  /** A fresh `R-…` record, or the existing one when `idempotencyKey` was seen before. */
  create(init: NewRequest, idempotencyKey?: string): Promise<{ record: RequestRecord; created: boolean }>;
  get(id: string): Promise<RequestRecord | null>;
  getMany(ids: readonly string[]): Promise<RequestRecord[]>;
  /** Makes one of the lifecycle's transitions (see lifecycle.ts); concurrent callers cannot both succeed. */
  transition(id: string, t: Transition, patch?: RecordPatch): Promise<TransitionResult>;
  /** Changes fields without a state change, only while the state is one of `onlyIn` (any when omitted). */
  update(id: string, patch: RecordPatch, onlyIn?: readonly RequestState[]): Promise<TransitionResult>;
  /**
   * Adds a distinct approver (by user id; `handle` is kept beside it for display) in `t.from`;
   * reaching the required count makes transition `t` in the same step.
   */
  addApproval(id: string, user: string, t: Transition, handle?: string): Promise<ApprovalResult>;
  list(opts: { env?: string; active?: boolean; limit?: number }): Promise<RequestRecord[]>;
  recentForTarget(target: TargetRef, limit?: number): Promise<RequestRecord[]>;
  /** Requests whose `requested` audit record may be missing, with the deadline of the current writer's lease. */
  unaudited(): Promise<{ id: string; leaseUntil: number }[]>;
  /**
   * Takes over writing the `requested` audit record of `id` once the current lease ran out (or,
   * with `takeOverCreator`, while only its creator's lease holds it); true for one caller.
   */
  claimRequestedAudit(id: string, leaseMs: number, takeOverCreator?: boolean): Promise<boolean>;
  /** The `requested` audit record of `id` is written (or can no longer be): drop its mark. */
  requestedAudited(id: string): Promise<void>;
}

export interface RequestStoreOptions {
  redis: Redis;
  prefix: string;
  clock?: () => Date;
  /** How long records are kept (default 30 days). */
  retentionMs?: number;
  /** How long an idempotency key maps to its request (default 1 day; Slack retries within minutes). */
  idempotencyTtlMs?: number;
  /** How long the creator has to write the `requested` audit record before the reconciler may (default 5 s). */
  auditLeaseMs?: number;
}

type Mutator = (rec: RequestRecord) => RequestRecord | null;

export function createRequestStore(opts: RequestStoreOptions): RequestStore {
  const { redis } = opts;
  const createScript = luaCommand(redis, 'shipmateRequestCreateAudited', CREATE_LUA, 7);
  const claimAuditScript = luaCommand(redis, 'shipmateRequestClaimAudit', CLAIM_AUDIT_LUA, 1);
  const casScript = luaCommand(redis, 'shipmateRequestCas', CAS_LUA, 3);
  const keys = storeKeys(opts.prefix);
  const clock = opts.clock ?? (() => new Date());
  const retentionMs = opts.retentionMs ?? 30 * 86_400_000;
  const idemTtlMs = opts.idempotencyTtlMs ?? 86_400_000;
  const auditLeaseMs = opts.auditLeaseMs ?? 5_000;

  async function get(id: string): Promise<RequestRecord | null> {
    const raw = await redis.get(keys.record(id));
    return raw ? (JSON.parse(raw) as RequestRecord) : null;
  }

  async function getMany(ids: readonly string[]): Promise<RequestRecord[]> {
    if (ids.length === 0) return [];
    const raws = await redis.mget(ids.map((id) => keys.record(id)));
    return raws.flatMap((raw) => (raw ? [JSON.parse(raw) as RequestRecord] : []));
  }

  async function create(init: NewRequest, idempotencyKey?: string): Promise<{ record: RequestRecord; created: boolean }> {
    for (;;) {
      const now = clock();
      const record: RequestRecord = {
        ...init,
        id: newRequestId(),
        state: 'requested',
        version: 1,
        cardTs: null,
        plan: null,
        approvals: [],
        decidedBy: null,
        reason: null,
        status: null,
        result: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: null,
      };
      const env = init.scope?.env ?? '-';
      const [outcome, id] = (await createScript(
        keys.record(record.id),
        idempotencyKey ? keys.idempotency(idempotencyKey) : '',
        keys.activeAll(),
        keys.activeEnv(env),
        keys.recentAll(),
        init.target ? keys.recentTarget(targetKey(init.target)) : '',
        keys.unaudited(),
        JSON.stringify(record),
        record.id,
        String(now.getTime()),
        String(retentionMs),
        String(idemTtlMs),
        String(now.getTime() + auditLeaseMs),
      )) as [string, string];
      if (outcome === 'created') return { record, created: true };
      if (outcome === 'existing') {
        const existing = await get(id);
        if (existing) return { record: existing, created: false };
        // The record aged out while its key lingered: forget the key and create afresh.
        if (idempotencyKey) await redis.del(keys.idempotency(idempotencyKey));
      }
      // 'collision': 32^8 ids make this rare; draw another.
    }
  }

  async function mutate(id: string, fn: Mutator): Promise<TransitionResult> {
    for (;;) {
      const cur = await get(id);
      if (!cur) return { ok: false, record: null };
      const next = fn(cur);
      if (!next) return { ok: false, record: cur };
      const record: RequestRecord = { ...next, version: cur.version + 1, updatedAt: clock().toISOString() };
      const env = record.scope?.env ?? '-';
      const res = await casScript(
        keys.record(id),
        keys.activeAll(),
        keys.activeEnv(env),
        String(cur.version),
        JSON.stringify(record),
        TERMINAL_STATES.has(record.state) ? '1' : '0',
        id,
      );
      if (res === 1) return { ok: true, record };
      if (res === -1) return { ok: false, record: null };
      // Another writer got there first: re-read and decide again.
    }
  }

  function transition(id: string, t: Transition, patch: RecordPatch = {}) {
    return mutate(id, (cur) => (t.from.includes(cur.state) && allowed(cur.state, t.to) ? { ...cur, ...patch, state: t.to } : null));
  }

  function update(id: string, patch: RecordPatch, onlyIn?: readonly RequestState[]) {
    return mutate(id, (cur) => (!onlyIn || onlyIn.includes(cur.state) ? { ...cur, ...patch } : null));
  }

  async function addApproval(id: string, user: string, t: Transition, handle?: string): Promise<ApprovalResult> {
    let duplicate = false;
    const res = await mutate(id, (cur) => {
      duplicate = cur.approvals.some((a) => a.user === user);
      if (!t.from.includes(cur.state) || duplicate) return null;
      const approvals = [...cur.approvals, { user, at: clock().toISOString(), ...(handle ? { handle } : {}) }];
      const reached = approvals.length >= cur.approvalsRequired;
      return { ...cur, approvals, state: reached && allowed(cur.state, t.to) ? t.to : cur.state };
    });
    const approvals = res.record?.approvals ?? [];
    return {
      approvals,
      reachedRequired: res.record ? approvals.length >= res.record.approvalsRequired : false,
      transitioned: res.ok && res.record.state === t.to,
      duplicate,
      record: res.record,
    };
  }

  async function list(lo: { env?: string; active?: boolean; limit?: number }): Promise<RequestRecord[]> {
    const limit = lo.limit ?? 50;
    let ids: string[];
    if (lo.active) {
      ids = await redis.zrevrange(lo.env ? keys.activeEnv(lo.env) : keys.activeAll(), 0, limit - 1);
    } else {
      // Recent requests are indexed across environments only; filter by env here.
      ids = await redis.zrevrange(keys.recentAll(), 0, lo.env ? limit * 10 - 1 : limit - 1);
    }
    const records = await getMany(ids);
    return records.filter((r) => !lo.env || r.scope?.env === lo.env).slice(0, limit);
  }

  async function recentForTarget(target: TargetRef, limit = 20): Promise<RequestRecord[]> {
    return getMany(await redis.zrevrange(keys.recentTarget(targetKey(target)), 0, limit - 1));
  }

  async function unaudited(): Promise<{ id: string; leaseUntil: number }[]> {
    const all = await redis.hgetall(keys.unaudited());
    return Object.entries(all).map(([id, mark]) => ({ id, leaseUntil: Number(mark.slice(2)) }));
  }

  async function claimRequestedAudit(id: string, leaseMs: number, takeOverCreator = false): Promise<boolean> {
    const now = clock().getTime();
    return (await claimAuditScript(keys.unaudited(), id, String(now), String(now + leaseMs), takeOverCreator ? '1' : '0')) === 1;
  }

  async function requestedAudited(id: string): Promise<void> {
    await redis.hdel(keys.unaudited(), id);
  }

  return { create, get, getMany, transition, update, addApproval, list, recentForTarget, unaudited, claimRequestedAudit, requestedAudited };
}
