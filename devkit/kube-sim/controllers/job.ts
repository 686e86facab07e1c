import type { Condition, KubeObject, PodTemplate } from '../types.js';
import { isObj, nowIso } from '../types.js';
import type { ControllerEnv } from './env.js';
import { podFromTemplate } from './pod-factory.js';
import { isOwnedBy, isPodReady, podPhase } from './pod-util.js';

interface JobSpec {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  suspend?: boolean;
  template: PodTemplate;
}

function isFinished(job: KubeObject): boolean {
  const conditions = isObj(job.status) ? ((job.status.conditions as Condition[] | undefined) ?? []) : [];
  return conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function condition(type: string, reason: string, message: string, at: string): Condition {
  return { type, status: 'True', reason, message, lastProbeTime: at, lastTransitionTime: at } as Condition;
}

/** Labels the Job controller puts on its pods (the selector the apiserver generates for a Job). */
function jobLabels(job: KubeObject): Record<string, string> {
  const uid = job.metadata.uid;
  return { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': uid, 'job-name': job.metadata.name };
}

function finalConditions(spec: JobSpec, succeeded: number, failed: number, at: string): Condition[] | undefined {
  const completions = spec.completions ?? 1;
  if (succeeded >= completions) {
    return [condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', at), condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', at)];
  }
  if (failed > (spec.backoffLimit ?? 6)) {
    return [condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', at), condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', at)];
  }
  return undefined;
}

function syncJob(env: ControllerEnv, job: KubeObject): boolean {
  const spec = job.spec as JobSpec;
  const pods = env.list('v1', 'Pod', job.metadata.namespace).filter((p) => isOwnedBy(p, job) && !p.metadata.deletionTimestamp);
  const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length;
  const failed = pods.filter((p) => podPhase(p) === 'Failed').length;
  const active = pods.filter((p) => podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
  const old = isObj(job.status) ? job.status : {};
  const now = nowIso();
  const startTime = (old.startTime as string | undefined) ?? now;
  const done = finalConditions(spec, succeeded, failed, now);
  if (!done && !spec.suspend) {
    const want = Math.min(spec.parallelism ?? 1, (spec.completions ?? 1) - succeeded) - active.length;
    for (let i = 0; i < want; i++) {
      const template = { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), labels: { ...(spec.template.metadata?.labels ?? {}), ...jobLabels(job) } } };
      const pod = env.api.store.create(env.type('v1', 'Pod'), podFromTemplate(job, template, { generateName: `${job.metadata.name}-` }));
      env.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'job-controller');
      active.push(pod);
    }
  }
  if (done) env.events.record(job, done[1]?.type === 'Complete' ? 'Normal' : 'Warning', done[1]?.type === 'Complete' ? 'Completed' : 'BackoffLimitExceeded', done[1]?.message ?? '', 'job-controller');
  const status = {
    ...(done ? {} : { active: active.length }),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    startTime,
    ...(done?.[1]?.type === 'Complete' ? { completionTime: now } : {}),
    ready: done ? 0 : active.filter(isPodReady).length,
    terminating: 0,
    uncountedTerminatedPods: {},
    ...(done ? { conditions: done } : {}),
  };
  if (JSON.stringify(status) !== JSON.stringify(old)) env.write({ ...job, status });
  return !done;
}

/** The Job controller: runs pods until `completions` succeed, or gives up past `backoffLimit` failures. */
export function jobController(env: ControllerEnv): boolean {
  let pending = false;
  for (const job of env.list('batch/v1', 'Job')) {
    if (isFinished(job) || job.metadata.deletionTimestamp) continue;
    pending = syncJob(env, job) || pending;
  }
  return pending;
}
