import { InvalidError, userMessageOf } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { Owner } from '../../core/owner.js';
import type { Plan } from '../../core/plan.js';
import { manifestDiff } from '../helm/manifest-diff.js';
import type { HelmRelease } from '../helm/release-record.js';
import { clientsOf, type OperationDeps } from './operation-deps.js';
import type { OwnedStrategy } from './owned-operation.js';
import { requireWorkload, workloadTarget } from './workload-scope.js';
import { rolloutResult } from './rollout-step.js';
import { helmFingerprint, readReleaseState, releaseFingerprint, releaseLabel, type HelmDeps, type ReleaseState } from './helm-release-scope.js';

/** `helm rollback` without a number goes to the revision just before the latest one (not the last deployed). */
export function rollbackTarget(s: ReleaseState, to: number | undefined): HelmRelease {
  const n = to ?? s.latest.version - 1;
  if (n < 1) throw new InvalidError(`${releaseLabel(s)} has no revision before ${s.latest.version} to roll back to`);
  const target = s.history.revisions.find((r) => r.version === n);
  if (!target) {
    const known = s.history.revisions.map((r) => r.version).join(', ');
    throw new InvalidError(`${releaseLabel(s)} has no revision ${n} (stored revisions: ${known}); pick one with --to N`);
  }
  return target;
}

function toRevision(ctx: OperationContext): number | undefined {
  return ctx.invocation.command === 'rollback' ? ctx.invocation.toRevision : undefined;
}

const argv = (s: ReleaseState, target: HelmRelease, dryRun: boolean): string[] => ['rollback', s.owner.release, String(target.version), ...(dryRun ? ['--dry-run'] : [])];

/** `/k8s rollback` of a Helm-owned app: `helm rollback`, a new revision recorded by Helm, then the rollout watch. */
export function helmRollbackStrategy(deps: OperationDeps, helm: HelmDeps): OwnedStrategy {
  return {
    async plan(ctx, owner: Owner): Promise<Plan> {
      const s = await readReleaseState(deps, ctx, owner);
      const target = rollbackTarget(s, toRevision(ctx));
      const dry = await helm.helm
        .run(ctx.scope.cluster, s.owner.namespace, argv(s, target, true), ctx.signal)
        .then(() => ({ performed: true, ok: true, warnings: [] }))
        .catch((err: unknown) => ({ performed: true, ok: false, message: userMessageOf(err), warnings: [] }));
      return {
        target: workloadTarget(ctx),
        summary: `roll back ${releaseLabel(s)} from revision ${s.latest.version} (${s.latest.chart}) to revision ${target.version} (${target.chart}) with helm rollback; Helm records it as revision ${s.latest.version + 1}`,
        diff: manifestDiff(deps.sanitizer, `release/${s.owner.release}`, s.latest.manifest, target.manifest),
        dryRun: dry,
        fingerprint: releaseFingerprint(s),
        noop: false,
        facts: { release: s.owner.release, fromRevision: s.latest.version, toRevision: target.version, strategy: 'helm' },
      };
    },
    fingerprint: (ctx, owner) => helmFingerprint(deps, ctx, owner),
    async execute(ctx, owner) {
      const s = await readReleaseState(deps, ctx, owner);
      const target = rollbackTarget(s, toRevision(ctx));
      // Not retried: a second helm rollback would make a second revision. No abort signal either: a
      // helm killed mid-change leaves the release stuck in pending-rollback; a cancel takes effect after it.
      await helm.helm.run(ctx.scope.cluster, s.owner.namespace, argv(s, target, false));
      const applied = `${releaseLabel(s)} rolled back to revision ${target.version} with helm rollback (new revision ${s.latest.version + 1})`;
      const facts = { release: s.owner.release, fromRevision: s.latest.version, toRevision: target.version, newRevision: s.latest.version + 1, strategy: 'helm' };
      return rolloutResult(ctx, clientsOf(deps, ctx), requireWorkload(ctx), applied, facts);
    },
  };
}
