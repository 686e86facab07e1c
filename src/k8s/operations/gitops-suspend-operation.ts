import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import { type Application, automatedOf } from '../gitops/argocd-application.js';
import { resumeAutomation, rememberedPolicy, suspendAutomation } from '../gitops/argocd-automation.js';
import { patchFlux, readyOf, requestReconcile, waitForReconcile, type FluxObject } from '../gitops/flux-object.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { skippedDryRun } from './dry-run.js';
import type { OperationBody } from './operation-deps.js';
import { ownerFingerprint, pollOptions, requireOwner, withOwnerLock, type GitOpsDeps } from './gitops-scope.js';
import { ownerObject } from './gitops-sync-operation.js';
import { report, result } from './outcome.js';
import { workloadTarget } from './workload-scope.js';
import { describeWorkloadState } from './current-state.js';

type Mode = 'suspend' | 'resume';

function automationOf(owner: GitOpsOwner, obj: Application | FluxObject): { on: boolean; shown: unknown } {
  if (owner.tool === 'argocd') {
    const auto = automatedOf(obj as Application);
    return { on: auto !== undefined, shown: { syncPolicy: { automated: (obj as Application).spec?.syncPolicy?.automated ?? null } } };
  }
  const suspended = (obj as FluxObject).spec?.suspend === true;
  return { on: !suspended, shown: { suspend: suspended } };
}

function afterChange(owner: GitOpsOwner, obj: Application | FluxObject, mode: Mode): unknown {
  if (owner.tool === 'flux') return { suspend: mode === 'suspend' };
  return { syncPolicy: { automated: mode === 'suspend' ? null : (rememberedPolicy(obj as Application) ?? null) } };
}

async function planFor(deps: GitOpsDeps, ctx: OperationContext, mode: Mode): Promise<Plan> {
  const { clients, owner, detected } = await requireOwner(deps, ctx);
  const obj = await ownerObject(clients, owner, ctx.signal);
  const { on, shown } = automationOf(owner, obj);
  const noop = mode === 'suspend' ? !on : on;
  if (mode === 'resume' && !noop && owner.tool === 'argocd' && !rememberedPolicy(obj as Application)) {
    throw new InvalidError(`${describeOwner(owner)} has auto-sync off and no policy remembered by /k8s suspend; set spec.syncPolicy.automated in Git or by hand`);
  }
  const what = owner.tool === 'argocd' ? (mode === 'suspend' ? 'turn auto-sync off (the policy is remembered for resume)' : 'restore the remembered auto-sync policy') : `set spec.suspend to ${mode === 'suspend'}`;
  return withOwnerLock({
    target: workloadTarget(ctx),
    summary: noop ? `${describeOwner(owner)} is already ${mode === 'suspend' ? 'suspended' : 'running its automation'}` : `${mode} ${describeOwner(owner)}: ${what}`,
    diff: noop ? '' : yamlDiff(deps.sanitizer, `${describeOwner(owner)}/spec`, shown, afterChange(owner, obj, mode)),
    dryRun: skippedDryRun(), fingerprint: ownerFingerprint(owner, obj), noop, facts: { gitopsOwner: describeOwner(owner) }, owner: detected,
  }, ctx.scope.cluster, owner);
}

async function executeFor(deps: GitOpsDeps, ctx: OperationContext, mode: Mode): Promise<OperationResult> {
  const { clients, owner } = await requireOwner(deps, ctx);
  if (owner.tool === 'argocd') {
    if (mode === 'suspend') {
      const removed = await suspendAutomation(clients, owner, ctx.signal);
      const text = removed ? `auto-sync suspended on ${describeOwner(owner)} (was ${JSON.stringify(removed)}); /k8s resume restores it` : `auto-sync was already off on ${describeOwner(owner)}`;
      return result('succeeded', text, { facts: { previousPolicy: JSON.stringify(removed ?? null) } });
    }
    const restored = await resumeAutomation(clients, owner, ctx.signal);
    return result('succeeded', `auto-sync restored on ${describeOwner(owner)}: ${JSON.stringify(restored)}`, { facts: { restoredPolicy: JSON.stringify(restored) } });
  }
  await patchFlux(clients, owner, { spec: { suspend: mode === 'suspend' } }, ctx.signal);
  if (mode === 'suspend') return result('succeeded', `${describeOwner(owner)} suspended (spec.suspend: true)`, { facts: { suspended: true } });
  // `flux resume` also asks for a reconcile and waits for it.
  const token = await requestReconcile(clients, owner, ctx.signal);
  await report(ctx, 'step', `${describeOwner(owner)} resumed; reconcile requested`);
  const done = await waitForReconcile(clients, owner, token, pollOptions(deps, ctx, `the ${owner.kind} to reconcile`));
  const ready = readyOf(done);
  return result(ready?.status === 'True' ? 'succeeded' : 'failed', `${describeOwner(owner)} resumed: Ready ${ready?.status ?? '?'} (${ready?.message ?? ''})`, {
    facts: { suspended: false, ready: ready?.status ?? 'Unknown' },
  });
}

/** `/k8s suspend` and `/k8s resume`: the owner's automation off, and back exactly as it was. */
export function suspendResumeOperation(deps: GitOpsDeps, mode: Mode): OperationBody {
  return {
    command: mode,
    target: workloadTarget,
    describeCurrentState: (ctx) => describeWorkloadState(deps, ctx),
    plan: (ctx) => planFor(deps, ctx, mode),
    async fingerprint(ctx) {
      const { clients, owner } = await requireOwner(deps, ctx);
      return ownerFingerprint(owner, await ownerObject(clients, owner, ctx.signal));
    },
    execute: (ctx) => executeFor(deps, ctx, mode),
  };
}
