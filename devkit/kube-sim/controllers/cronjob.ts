import type { KubeObject, PodTemplate } from '../types.js';
import { isObj } from '../types.js';
import { parseSchedule } from './cron.js';
import type { ControllerEnv } from './env.js';
import { isOwnedBy, ownerRef } from './pod-util.js';

interface CronJobSpec {
  schedule?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: { template?: PodTemplate } & Record<string, unknown> };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Cluster time runs faster in the simulation: one schedule minute lasts `60 s × progressDeadlineScale`
 * of wall time (0.6 s in tests, 6 s in the sandbox), counted from the CronJob's creation.
 */
function simClock(cj: KubeObject, scale: number): { toSim(ms: number): number; toWall(ms: number): number } {
  const origin = Date.parse(cj.metadata.creationTimestamp) || Date.now();
  return { toSim: (ms) => origin + (ms - origin) / scale, toWall: (ms) => origin + (ms - origin) * scale };
}

function finished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  const conditions = isObj(job.status) ? ((job.status.conditions as { type: string; status: string }[] | undefined) ?? []) : [];
  return conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type as 'Complete' | 'Failed' | undefined;
}

const SCHEDULED = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** The schedule time (simulation clock) of the newest Job made, kept on the Jobs as the real controller does. */
function lastScheduledSim(jobs: KubeObject[]): number | undefined {
  const times = jobs.map((j) => Date.parse(j.metadata.annotations?.[SCHEDULED] ?? '')).filter((t) => Number.isFinite(t));
  return times.length ? Math.max(...times) : undefined;
}

function prune(env: ControllerEnv, jobs: KubeObject[], spec: CronJobSpec): void {
  const jobType = env.type('batch/v1', 'Job');
  for (const [state, limit] of [['Complete', spec.successfulJobsHistoryLimit ?? 3], ['Failed', spec.failedJobsHistoryLimit ?? 1]] as const) {
    const old = jobs.filter((j) => finished(j) === state).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
    for (const j of old.slice(0, Math.max(0, old.length - limit))) env.api.store.delete(jobType, j.metadata.namespace, j.metadata.name);
  }
}

function syncCronJob(env: ControllerEnv, cj: KubeObject, now: number): void {
  const spec = (cj.spec ?? {}) as CronJobSpec;
  const clock = simClock(cj, env.timing.progressDeadlineScale);
  const status = isObj(cj.status) ? cj.status : {};
  const jobs = env.list('batch/v1', 'Job', cj.metadata.namespace).filter((j) => isOwnedBy(j, cj));
  prune(env, jobs, spec);
  const lastSim = lastScheduledSim(jobs) ?? (typeof status.lastScheduleTime === 'string' ? clock.toSim(Date.parse(status.lastScheduleTime) + 1000) : clock.toSim(Date.parse(cj.metadata.creationTimestamp) || now));
  const dueSim = parseSchedule(spec.schedule ?? '').next(lastSim);
  const dueWall = clock.toWall(dueSim);
  let lastScheduleTime = status.lastScheduleTime;
  if (!spec.suspend && Number.isFinite(dueWall) && now >= dueWall) {
    const name = `${cj.metadata.name}-${Math.floor(dueSim / 60_000)}`;
    const template = spec.jobTemplate ?? {};
    env.api.store.create(env.type('batch/v1', 'Job'), {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: cj.metadata.namespace ?? 'default', labels: template.metadata?.labels ?? {}, annotations: { [SCHEDULED]: iso(dueSim), ...(template.metadata?.annotations ?? {}) }, ownerReferences: [ownerRef(cj)], uid: '', resourceVersion: '', creationTimestamp: '' },
      spec: { backoffLimit: 6, completions: 1, parallelism: 1, ...(template.spec ?? {}) },
    });
    env.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, 'cronjob-controller');
    lastScheduleTime = iso(now);
  } else if (Number.isFinite(dueWall) && !spec.suspend) env.wakeAt(dueWall);
  const fresh = env.list('batch/v1', 'Job', cj.metadata.namespace).filter((j) => isOwnedBy(j, cj));
  const active = fresh.filter((j) => !finished(j)).map((j) => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion }));
  const lastDone = fresh.filter((j) => finished(j) === 'Complete').map((j) => String((j.status as { completionTime?: string }).completionTime ?? '')).sort().pop();
  const next = { ...(active.length ? { active } : {}), ...(lastScheduleTime ? { lastScheduleTime } : {}), ...(lastDone ? { lastSuccessfulTime: lastDone } : {}) };
  if (JSON.stringify(next) !== JSON.stringify(status)) env.write({ ...cj, status: next });
}

/** The CronJob controller: creates a Job each time the schedule comes due on the simulation's clock. */
export function cronJobController(env: ControllerEnv): boolean {
  const now = Date.now();
  for (const cj of env.list('batch/v1', 'CronJob')) {
    if (cj.metadata.deletionTimestamp) continue;
    try {
      syncCronJob(env, cj, now);
    } catch {
      // An unparseable schedule: the real controller records an event and leaves the CronJob alone.
    }
  }
  return false;
}
