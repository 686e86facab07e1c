export { createAlertSchedules, scheduledAtOf, ALERTS_QUEUE, type AlertSchedules, type AlertSchedulesOptions } from './schedules.js';
export { runAlertScan, type AlertRunDeps, type AlertRunReport } from './alert-run.js';
export { createAlertStateStore, type AlertEvent, type AlertEventKind, type AlertStateStore } from './alert-state.js';
export { buildAlertMessage } from './alert-message.js';
export { claimRun, type RunClaim } from './run-claim.js';
