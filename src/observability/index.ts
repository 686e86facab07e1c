export { createMetrics } from './metrics.js';
export type {
  Metrics,
  CreateMetricsOptions,
  MetricCommand,
  RequestOutcome,
  ApprovalDecision,
  JobOutcome,
  SlackCallOutcome,
  QueueState,
  QueueCounts,
  QueueSource,
  K8sCall,
} from './metrics.js';
export { createHealth, readinessFlag, redisPingCheck } from './health.js';
export type { Health, HealthCheck, ProbeResult, ProbeBody, CreateHealthOptions } from './health.js';
export { createObservabilityRoutes, HEALTHZ_PATH, READYZ_PATH, METRICS_PATH } from './routes.js';
export type { ObservabilityRoute, CreateObservabilityRoutesOptions } from './routes.js';
export { queueCountsSource } from './queue-source.js';
export type { CountableQueue } from './queue-source.js';
export { startObservabilityServer } from './server.js';
export type { ObservabilityServer, StartObservabilityServerOptions } from './server.js';
