import type { OperationContext } from '../../core/operation.js';
import type { OperationResult, ProgressEvent } from '../../core/plan.js';

export function result(
  outcome: OperationResult['outcome'],
  summary: string,
  parts: Partial<Pick<OperationResult, 'sections' | 'files' | 'facts' | 'report'>> = {},
): OperationResult {
  const base = { outcome, summary, sections: parts.sections ?? [], files: parts.files ?? [], facts: parts.facts ?? {} };
  return parts.report ? { ...base, report: parts.report } : base;
}

/** Progress is best effort: a Slack hiccup must never fail cluster work. */
export async function report(ctx: OperationContext, kind: ProgressEvent['kind'], text: string): Promise<void> {
  try {
    await ctx.progress({ kind, text });
  } catch (err) {
    ctx.logger.warn({ err }, 'progress sink failed');
  }
}
