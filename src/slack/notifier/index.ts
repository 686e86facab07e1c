export { createSlackNotifier, type SlackNotifier, type SlackNotifierOptions } from './create-slack-notifier.js';
export type { NotifierRecords } from './deliver.js';
export type { NotifierMetrics, SlackCallOutcome } from './slack-calls.js';
export { notifierWebClientOptions } from './web-client-options.js';
export { NOTIFY_QUEUE } from './notify-job.js';
