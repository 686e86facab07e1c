export { createPipeline, type Pipeline, type PipelineOptions, type SubmitRequest, type ActionResult } from './pipeline.js';
export type { PipelinePolicy } from './pipeline-policy.js';
export { createRequestStore, type RequestStore } from './request-store.js';
