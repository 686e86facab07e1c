import type { Plan } from '../../core/plan.js';

export function skippedDryRun(): Plan['dryRun'] {
  return { performed: false, ok: true, warnings: [] };
}

/** A dry-run outcome for the plan: a refused dry run is shown on the card, not thrown. */
export async function dryRun(fn: (warnings: string[]) => Promise<unknown>): Promise<Plan['dryRun']> {
  const warnings: string[] = [];
  try {
    await fn(warnings);
    return { performed: true, ok: true, warnings };
  } catch (err) {
    const message = err instanceof Error && 'userMessage' in err ? String(err.userMessage) : 'dry run failed';
    return { performed: true, ok: false, message, warnings };
  }
}

/** A plan that changes nothing sends nothing, not even a dry run. */
export async function dryRunUnlessNoop(noop: boolean, fn: (warnings: string[]) => Promise<unknown>): Promise<Plan['dryRun']> {
  return noop ? skippedDryRun() : dryRun(fn);
}
