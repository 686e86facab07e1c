export { createClusterRegistry, type ClusterClients, type ClusterRegistry, type ClusterRegistryOptions, type ClusterSource } from './client/cluster-registry.js';
export { createOperations, type CreateOperationsOptions } from './operations/create-operations.js';
export { translateApiError, type ApiAction } from './client/api-errors.js';
export { withRetry, type RetryOptions } from './client/retry.js';
export { redactText, REDACTED } from './objects/redaction.js';
export { createSanitizer, type Sanitizer, type SanitizerOptions } from './objects/sanitize.js';
export { watchRollout, type RolloutOutcome, type WatchRolloutOptions } from './workloads/watch-rollout.js';
export type { ApiCallEvent } from './client/http-library.js';
export type { OperationTiming } from './operations/operation-deps.js';
