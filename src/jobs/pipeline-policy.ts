import type { CommandName } from '../core/invocation.js';
import type { OperationLimits } from '../core/operation.js';

/** The policy decisions the pipeline needs; policy/ satisfies it structurally. */
export interface PipelinePolicy {
  approvalsRequired(env: string, command: CommandName, mutates: boolean): number;
  approvalTtlMs(env: string, command: CommandName): number;
  limits(env: string): OperationLimits;
  checkApprove(ctx: {
    user: string;
    userGroups: ReadonlySet<string>;
    env: string;
    command: CommandName;
    requester: string;
    approvals: readonly string[];
  }): { rule: string; message: string } | null;
}
