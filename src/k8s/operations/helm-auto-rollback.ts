import { userMessageOf } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import type { FailingPod } from '../workloads/upgrade-failure.js';
import { clientsOf, type OperationDeps } from './operation-deps.js';
import { report, result } from './outcome.js';
import { watchAfterChange } from './rollout-step.js';
import { requireWorkload } from './workload-scope.js';
import { releaseLabel, type HelmDeps, type ReleaseState } from './helm-release-scope.js';

export interface FailedHelmUpgrade {
  /** The release as it was before the upgrade: its latest revision is the one to return to. */
  state: ReleaseState;
  applied: string;
  failure: string;
  logs: FailingPod[];
  facts: OperationResult['facts'];
}

/** Rolls back through `helm rollback <rel> <previous>`: Helm records the rollback as a new revision. */
async function rollBack(deps: OperationDeps, helm: HelmDeps, ctx: OperationContext, f: FailedHelmUpgrade): Promise<string> {
  const to = f.state.latest.version;
  try {
    // No abort signal: a helm killed mid-change leaves its release stuck in pending-rollback.
    await helm.helm.run(ctx.scope.cluster, f.state.owner.namespace, ['rollback', f.state.owner.release, String(to)]);
  } catch (err) {
    return `helm rollback to revision ${to} failed: ${userMessageOf(err)}; roll back by hand (helm rollback ${f.state.owner.release} ${to})`;
  }
  await report(ctx, 'step', `rolled back ${releaseLabel(f.state)} to revision ${to} with helm rollback (revision ${to + 2}); watching the rollout`);
  const again = await watchAfterChange(ctx, clientsOf(deps, ctx), requireWorkload(ctx), `${f.applied}, then rolled back to revision ${to}`);
  return again.outcome === 'done' ? `rolled back with helm rollback (revision ${to + 2}): ${again.message}` : `rolled back with helm rollback, but that rollout did not finish either: ${again.message}`;
}

/** The failed upgrade's result: what failed, the Helm rollback that undid it, and the failing pods' logs. */
export async function helmAutoRollback(deps: OperationDeps, helm: HelmDeps, ctx: OperationContext, f: FailedHelmUpgrade): Promise<OperationResult> {
  const to = f.state.latest.version;
  await report(ctx, 'step', `rollout failed (${f.failure}); rolling back ${releaseLabel(f.state)} to revision ${to} with helm rollback`);
  const undo = await rollBack(deps, helm, ctx, f);
  const w = requireWorkload(ctx);
  const logText = f.logs.map((l) => `--- ${l.pod} (${l.container}): ${l.trouble}\n${l.previousLog}`).join('\n\n');
  return result('failed', `${f.applied}, but the rollout failed (${f.failure}); ${undo}`, {
    sections: [
      { title: '1. Helm upgrade', text: `failed: ${f.failure}` },
      { title: `2. Automatic Helm rollback to revision ${to}`, text: undo },
      ...(f.logs.length ? [{ title: 'Previous logs of failing pods', text: logText.slice(-2_500), preformatted: true }] : []),
    ],
    files: f.logs.length ? [{ filename: `${w.name}-failing-pods.log`, title: 'Logs of failing pods', content: logText }] : [],
    facts: { ...f.facts, rolledBack: true, rolledBackTo: to, failingPods: f.logs.length },
  });
}
