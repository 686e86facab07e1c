export { createPolicy } from './create-policy.js';
export type { ApproveContext, Caller, Denial, Policy, PolicyRules, PolicySource, RunContext } from './types.js';
