import { deleteKeys } from '../../support/redis-keys.js';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createAuditLog, type AuditLog } from '../../../src/audit/audit-log.js';
import { CancelledError } from '../../../src/core/errors.js';
import type { InvocationOf } from '../../../src/core/invocation.js';
import type { NotifierPort } from '../../../src/core/notifier.js';
import type { Operation, OperationContext, Scope } from '../../../src/core/operation.js';
import type { OperationFile, Plan } from '../../../src/core/plan.js';
import { createPipeline, type Pipeline, type PipelineOptions } from '../../../src/jobs/pipeline.js';
import type { PipelinePolicy } from '../../../src/jobs/pipeline-policy.js';
import { renderThreadNote } from '../../../src/slack/views/thread-note.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLogger = pino({ level: 'silent' });

/** An in-memory stand-in for a cluster object: what the fake operation plans against and changes. */
export interface FakeTarget {
  fingerprint: string;
  image: string;
  executions: number;
  /** When set, execute waits for it (test-controlled steps). */
  gate: Promise<void> | null;
  /** Resolved when execute starts. */
  started: Promise<void>;
  markStarted: () => void;
  release: () => void;
}

export function fakeTarget(): FakeTarget {
  const t = { fingerprint: 'uid-1/rv-1', image: 'v2', executions: 0, gate: null } as FakeTarget;
  t.started = new Promise((r) => (t.markStarted = r));
  t.release = () => undefined;
  return t;
}

/** Makes execute block until `release()` is called (or the signal aborts); `started` resolves when it begins. */
export function holdExecution(t: FakeTarget): void {
  t.gate = new Promise((r) => (t.release = r));
  t.started = new Promise((r) => (t.markStarted = r));
}

function waitGate(gate: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    gate.then(resolve, reject);
  });
}

/** An honest fake at the cluster edge: a rollback of one in-memory object. */
export function fakeRollback(t: FakeTarget, opts: { noop?: boolean; mutates?: boolean; command?: 'rollback' | 'status' } = {}): Operation {
  return {
    command: opts.command ?? 'rollback',
    mutates: opts.mutates ?? true,
    target: (ctx) => ({ cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: 'Deployment', name: ctx.scope.app ?? 'x' }),
    async plan(ctx: OperationContext): Promise<Plan> {
      return {
        target: this.target(ctx),
        summary: `roll back from ${t.image} to v1`,
        diff: `-image: ${t.image}\n+image: v1`,
        dryRun: { performed: true, ok: true, warnings: [] },
        fingerprint: t.fingerprint,
        noop: opts.noop ?? false,
        facts: { from: t.image, to: 'v1' },
      };
    },
    fingerprint: () => Promise.resolve(t.fingerprint),
    async execute(ctx) {
      t.executions++;
      t.markStarted();
      await ctx.progress({ kind: 'step', text: 'patched the deployment' });
      await ctx.progress({ kind: 'status', text: 'rolling out 1/3' });
      if (t.gate) await waitGate(t.gate, ctx.signal);
      t.image = 'v1';
      return { outcome: 'succeeded', summary: 'rolled back to v1', sections: [{ title: 'Rollout', text: '3/3 ready' }], files: [], facts: { image: 'v1' } };
    },
    describeCurrentState: () => Promise.resolve(`image ${t.image}, 2/3 ready`),
  };
}

export type NotifierEvent =
  | { kind: 'card'; requestId: string }
  | { kind: 'reply'; requestId: string; text: string }
  | { kind: 'file'; requestId: string; file: OperationFile };

export interface RecordingNotifier extends NotifierPort {
  events: NotifierEvent[];
  replies(requestId: string): string[];
}

export function recordingNotifier(): RecordingNotifier {
  const events: NotifierEvent[] = [];
  return {
    events,
    replies: (id) => events.flatMap((e) => (e.kind === 'reply' && e.requestId === id ? [e.text] : [])),
    cardChanged: (requestId) => (events.push({ kind: 'card', requestId }), Promise.resolve()),
    threadReply: (requestId, note) => (events.push({ kind: 'reply', requestId, text: renderThreadNote(note).mrkdwn }), Promise.resolve()),
    threadFile: (requestId, file) => (events.push({ kind: 'file', requestId, file }), Promise.resolve()),
    channelMessage: () => Promise.resolve(),
  };
}

/** A policy like production's: approvers by user or group, never the requester. */
export function testPolicy(opts: { approvals: number; approvers: string[]; ttlMs?: number }): PipelinePolicy {
  return {
    approvalsRequired: (_env, _cmd, mutates) => (mutates ? opts.approvals : 0),
    approvalTtlMs: () => opts.ttlMs ?? 60_000,
    limits: () => ({ rolloutTimeoutMs: 10_000, minReplicas: 0, maxReplicas: 10, drainTimeoutMs: 10_000 }),
    checkApprove: ({ user, userGroups, requester }) => {
      if (user === requester) return { rule: 'no-self-approval', message: 'you cannot approve your own request' };
      const ok = opts.approvers.some((a) => a === user || userGroups.has(a));
      return ok ? null : { rule: 'approvers', message: 'only members of S0SRELEADS may approve in prod' };
    },
  };
}

export const scope: Scope = { env: 'prod', cluster: 'c1', namespace: 'shop', app: 'api', workload: { kind: 'Deployment', name: 'api' } };
export const rollback: InvocationOf<'rollback'> = { command: 'rollback', app: 'api', env: 'prod' };

export interface Harness {
  redis: Redis;
  audit: AuditLog;
  pipelines: Pipeline[];
  make(overrides: Partial<PipelineOptions> & Pick<PipelineOptions, 'operations' | 'policy' | 'notifier'>): Pipeline;
  cleanup(): Promise<void>;
}

/** Real Redis under a unique prefix; everything is removed afterwards. */
export function harness(prefix: string): Harness {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const audit = createAuditLog({ redis, key: `${prefix}:audit`, logger: silentLogger });
  const pipelines: Pipeline[] = [];
  return {
    redis,
    audit,
    pipelines,
    make(overrides) {
      const p = createPipeline({
        redis,
        redisUrl: REDIS_URL,
        prefix,
        audit,
        logger: silentLogger,
        worker: { concurrency: 4, lockDurationMs: 2_000, stalledIntervalMs: 1_000, targetLockTimeoutMs: 3_000 },
        ...overrides,
      });
      pipelines.push(p);
      return p;
    },
    async cleanup() {
      await Promise.all(pipelines.map((p) => p.close()));
      await deleteKeys(redis, `*${prefix}*`);
      await redis.quit();
    },
  };
}

export { deleteKeys };

/** Polls until `check` returns a value (tests have their own overall timeout). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, intervalMs = 20): Promise<T> {
  for (;;) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function uniquePrefix(name: string): string {
  return `test-${name}-${process.pid}-${Date.now().toString(36)}`;
}
