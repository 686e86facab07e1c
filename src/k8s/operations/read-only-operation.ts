import type { Operation, OperationContext } from '../../core/operation.js';
import type { OperationBody } from './operation-deps.js';
import type { Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import { skippedDryRun } from './dry-run.js';

export function readOnlyPlan(target: TargetRef, summary: string): Plan {
  return { target, summary, diff: '', dryRun: skippedDryRun(), fingerprint: '', noop: false, facts: {} };
}

/** A read-only operation: its plan is only a summary, and with nothing to approve it has no fingerprint. */
export function readOnlyOperation(parts: Pick<Operation, 'command' | 'target' | 'execute'> & { summary(ctx: OperationContext): string }): OperationBody {
  return {
    command: parts.command,
    target: parts.target,
    plan: async (ctx) => readOnlyPlan(parts.target(ctx), parts.summary(ctx)),
    fingerprint: async () => '',
    execute: parts.execute,
  };
}
