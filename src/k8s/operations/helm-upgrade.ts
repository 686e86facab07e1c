import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { Owner } from '../../core/owner.js';
import type { OperationResult } from '../../core/plan.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { getWorkload } from '../client/kube-call.js';
import { rebuildChart } from '../helm/chart-rebuild.js';
import { manifestDiff } from '../helm/manifest-diff.js';
import type { HelmRelease } from '../helm/release-record.js';
import { deployedRevision, isPending } from '../helm/release-reader.js';
import { helmImageTag, setStringArg } from '../helm/set-value.js';
import { collectFailureLogs, crashLoopProbe } from '../workloads/upgrade-failure.js';
import { clientsOf, type OperationDeps } from './operation-deps.js';
import type { OwnedStrategy } from './owned-operation.js';
import { report, result } from './outcome.js';
import { watchAfterChange } from './rollout-step.js';
import { requireWorkload, workloadTarget } from './workload-scope.js';
import { helmFingerprint, readReleaseState, releaseFingerprint, releaseLabel, type HelmDeps, type ReleaseState } from './helm-release-scope.js';
import { helmAutoRollback } from './helm-auto-rollback.js';

export interface HelmUpgradeDeps extends HelmDeps {
  /** `apps.<app>.helm.imageValue` (default `image.tag`). */
  imageValueOf(app: string): string;
}

interface UpgradeArgs {
  tag: string;
  set: string;
}

function upgradeArgs(helm: HelmUpgradeDeps, ctx: OperationContext): UpgradeArgs {
  if (ctx.invocation.command !== 'upgrade') throw new InvalidError('upgrade needs a tag');
  if (ctx.invocation.container !== undefined) {
    throw new InvalidError(`--container does not apply to a Helm-owned app: Shipmate sets the chart value ${helm.imageValueOf(ctx.scope.app ?? '')} (apps.<app>.helm.imageValue); leave --container out`);
  }
  const tag = helmImageTag(ctx.invocation.image);
  return { tag, set: setStringArg(helm.imageValueOf(ctx.scope.app ?? ''), tag) };
}

/** A release stuck mid-operation blocks helm upgrade; say why and what fixes it. */
function checkNotPending(s: ReleaseState): void {
  if (!isPending(s.latest.status)) return;
  const deployed = deployedRevision(s.history);
  const fix = deployed
    ? `roll it back to the last deployed revision ${deployed.version} first (/k8s rollback <app> <env> --to ${deployed.version}, which runs helm rollback), then upgrade again`
    : 'resolve it with helm (rollback or uninstall) first';
  throw new InvalidError(`${releaseLabel(s)} is stuck in ${s.latest.status} at revision ${s.latest.version}, so helm refuses another upgrade; ${fix}`);
}

/** The chart the new revision is made from: the one of the last deployed revision, as on the operator's disk. */
const chartSource = (s: ReleaseState): HelmRelease => deployedRevision(s.history) ?? s.latest;

async function runUpgrade(helm: HelmUpgradeDeps, ctx: OperationContext, s: ReleaseState, a: UpgradeArgs, dryRun: boolean): Promise<string> {
  const chart = await rebuildChart(chartSource(s));
  try {
    const args = ['upgrade', s.owner.release, chart.dir, '--reuse-values', '--set-string', a.set, ...(dryRun ? ['--dry-run', '--output', 'json'] : [])];
    // A dry run may be cancelled; a real upgrade may not: a helm killed mid-change leaves the release
    // stuck in pending-upgrade. A cancel takes effect once helm returns (during the rollout watch).
    return (await helm.helm.run(ctx.scope.cluster, s.owner.namespace, args, dryRun ? ctx.signal : undefined)).stdout;
  } finally {
    await chart.remove();
  }
}

/** The manifest `helm upgrade --dry-run -o json` renders (its output is the release, base64-free). */
function renderedManifest(stdout: string): string {
  const rel = JSON.parse(stdout) as { manifest?: unknown };
  return typeof rel.manifest === 'string' ? rel.manifest : '';
}

const templateOf = (o: KObject): PodTemplate | undefined => (o['spec'] as { template?: PodTemplate } | undefined)?.template;

/** The first container whose image the upgrade changed (the one to probe for crash loops). */
function changedContainer(before: KObject, after: KObject): { name: string; image: string } | undefined {
  const old = new Map((templateOf(before)?.spec?.containers ?? []).map((c) => [c.name, c.image]));
  const c = (templateOf(after)?.spec?.containers ?? []).find((x) => old.get(x.name) !== x.image);
  return c ? { name: c.name, image: c.image ?? '' } : undefined;
}

/** `/k8s upgrade` of a Helm-owned app: a new revision with the same chart and values plus the new tag. */
export function helmUpgradeStrategy(deps: OperationDeps, helm: HelmUpgradeDeps): OwnedStrategy {
  return {
    async plan(ctx, owner) {
      const s = await readReleaseState(deps, ctx, owner);
      checkNotPending(s);
      const a = upgradeArgs(helm, ctx);
      const rendered = renderedManifest(await runUpgrade(helm, ctx, s, a, true));
      const diff = manifestDiff(deps.sanitizer, `release/${s.owner.release}`, s.latest.manifest, rendered);
      // Same objects on a deployed release: helm would only record an identical revision. A failed
      // latest revision is not a no-op: the upgrade is what makes the release deployed again.
      const noop = diff === '' && s.latest.status === 'deployed';
      return {
        target: workloadTarget(ctx),
        summary: noop
          ? `${releaseLabel(s)} revision ${s.latest.version} already renders ${a.set}`
          : `upgrade ${releaseLabel(s)} from revision ${s.latest.version} with helm upgrade --reuse-values --set-string ${a.set}; Helm records it as revision ${s.latest.version + 1}`,
        diff,
        dryRun: { performed: true, ok: true, message: 'helm upgrade --dry-run rendered the chart', warnings: [] },
        fingerprint: releaseFingerprint(s),
        noop,
        facts: { release: s.owner.release, fromRevision: s.latest.version, tag: a.tag, strategy: 'helm' },
      };
    },
    fingerprint: (ctx, owner) => helmFingerprint(deps, ctx, owner),
    execute: (ctx, owner) => executeHelmUpgrade(deps, helm, ctx, owner),
  };
}

async function executeHelmUpgrade(deps: OperationDeps, helm: HelmUpgradeDeps, ctx: OperationContext, owner: Owner): Promise<OperationResult> {
  const clients = clientsOf(deps, ctx);
  const w = requireWorkload(ctx);
  const s = await readReleaseState(deps, ctx, owner);
  checkNotPending(s);
  const a = upgradeArgs(helm, ctx);
  const before = await getWorkload(clients, w, w.namespace, ctx.signal);
  // Not retried: a second helm upgrade would make a second revision.
  await runUpgrade(helm, ctx, s, a, false);
  const applied = `${releaseLabel(s)} upgraded to ${a.tag} with helm upgrade (revision ${s.latest.version + 1})`;
  const facts = { release: s.owner.release, fromRevision: s.latest.version, newRevision: s.latest.version + 1, tag: a.tag, strategy: 'helm' };
  await report(ctx, 'step', `${applied}; watching the rollout`);
  const after = await getWorkload(clients, w, w.namespace, ctx.signal);
  const changed = changedContainer(before, after);
  const rollout = await watchAfterChange(ctx, clients, w, applied, changed ? { probe: crashLoopProbe(clients, after, changed.name, changed.image), probeIntervalMs: deps.timing.probeIntervalMs } : {});
  if (rollout.outcome === 'done') return result('succeeded', applied, { sections: [{ title: 'Rollout', text: rollout.message }], facts: { ...facts, rollout: 'done' } });
  if (rollout.outcome === 'unreachable') {
    return result('failed', `${applied}, but ${rollout.message}; no automatic rollback was attempted`, { sections: [{ title: 'Rollout', text: rollout.message }], facts: { ...facts, rollout: rollout.outcome, rolledBack: false } });
  }
  const logs = changed ? await collectFailureLogs(clients, after, changed.name, changed.image) : [];
  return helmAutoRollback(deps, helm, ctx, { state: s, applied, failure: rollout.message, logs, facts: { ...facts, rollout: rollout.outcome } });
}
