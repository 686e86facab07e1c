import type { Controller } from './env.js';
import { cronJobController } from './cronjob.js';
import { jobController } from './job.js';
import { serviceAccountController } from './serviceaccount.js';
import { veleroController } from './velero.js';

/** Controllers beyond the workload core: each is independent of the others' state. */
export function extraControllers(): Controller[] {
  return [serviceAccountController, cronJobController, jobController, veleroController];
}
