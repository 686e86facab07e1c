import { cronJobController } from './cronjob.js';
import type { Controller } from './env.js';
import { jobController } from './job.js';
import { serviceAccountController } from './serviceaccount.js';
import { veleroController } from './velero.js';

export interface ExtraControllerOptions {
  /** Whether Velero's backup controller runs (tests that play Velero themselves turn it off). */
  velero: boolean;
}

/** Controllers beyond the workload core: each is independent of the others' state. */
export function extraControllers(options: ExtraControllerOptions): Controller[] {
  return [serviceAccountController, cronJobController, jobController, ...(options.velero ? [veleroController] : [])];
}
