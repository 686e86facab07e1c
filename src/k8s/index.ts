export { createClusterRegistry, type ClusterClients, type ClusterRegistry, type ClusterRegistryOptions, type ClusterSource } from './cluster-registry.js';
export { createOperations, type CreateOperationsOptions } from './create-operations.js';
export { translateApiError, type ApiAction } from './api-errors.js';
export { withRetry, type RetryOptions } from './retry.js';
export { redactEnv, redactText, REDACTED } from './redaction.js';
export { watchRollout, type RolloutOutcome, type WatchRolloutOptions } from './watch-rollout.js';
export type { ApiCallEvent } from './http-library.js';
export type { OperationTiming } from './operations/op-support.js';
export { createClusterReachability, type ClusterReachability, type Reachability } from './cluster-reachability.js';
