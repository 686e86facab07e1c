import { InvalidError, PolicyDeniedError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import { readImage, readPinned, versionOf, versionText, type GitTree, type ImageVersion } from '../../git/index.js';
import { getWorkload } from '../client/kube-call.js';
import type { KObject } from '../objects/k8s-object.js';
import { describeOwner, gitopsOwnerFrom } from '../gitops/gitops-owner.js';
import { ownerOfScope } from './owned-operation.js';
import { gitScope, type GitChangeDeps, type GitScope } from './gitops-git-deps.js';
import type { GitChangeSpec } from './gitops-change-operation.js';
import { healthySince, spanText } from './gitops-healthy-since.js';
import { imageChange } from './gitops-upgrade-operation.js';
import { requireWorkload } from './workload-scope.js';

/** The version the workload runs: the container whose image is the app's (or the only one). */
export function liveVersion(workload: KObject, scope: GitScope): ImageVersion | undefined {
  const spec = workload['spec'] as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
  const images = (spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '');
  const name = 'kustomize' in scope.app.image ? scope.app.image.kustomize : undefined;
  const image = name ? images.find((i) => i.startsWith(`${name}:`) || i.startsWith(`${name}@`)) : images[0];
  if (!image) return undefined;
  const at = image.indexOf('@');
  if (at >= 0) return versionOf(image.slice(at + 1));
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? versionOf(image.slice(colon + 1)) : undefined;
}

function checkOrder(order: readonly string[] | undefined, from: string, to: string): void {
  if (!order || !order.includes(to)) return;
  const expected = order[order.indexOf(to) - 1];
  if (expected === undefined) throw new PolicyDeniedError('promotion', `${to} is first in the promotion order (${order.join(' → ')}): use upgrade there, not promote`);
  if (expected !== from) throw new PolicyDeniedError('promotion', `${to} accepts promotions from ${expected} only (promotion order ${order.join(' → ')}), not from ${from}`);
}

async function fromEnvFacts(deps: GitChangeDeps, tree: GitTree, ctx: OperationContext, fromEnv: string): Promise<{ version: ImageVersion; from: GitScope }> {
  const where = deps.git.envOf(fromEnv);
  if (!where) throw new InvalidError(`unknown environment ${fromEnv}`);
  const from = gitScope(deps, { scope: { ...(ctx.scope.app ? { app: ctx.scope.app } : {}), env: fromEnv, cluster: where.cluster } });
  const pinned = (await readPinned(tree, from.app)).version;
  const clients = deps.registry.clients(where.cluster);
  const workload = await getWorkload(clients, requireWorkload(ctx), where.namespace, ctx.signal);
  const live = liveVersion(workload, from);
  if (!live || !pinned || versionText(live) !== versionText(pinned)) {
    throw new InvalidError(`${fromEnv} runs ${versionText(live)} but Git pins ${versionText(pinned)} for it (${from.app.path}); promote once ${fromEnv} has synced the version Git holds (/k8s sync ${ctx.scope.app ?? ''} ${fromEnv})`);
  }
  const policy = deps.git.promotionOf(ctx.scope.env);
  const fromCtx = { ...ctx, scope: { ...ctx.scope, env: fromEnv, cluster: where.cluster, namespace: where.namespace } };
  const owner = gitopsOwnerFrom(await ownerOfScope(deps, deps.owners, fromCtx, true));
  if (policy.minHealthyMs && owner) {
    const file = (await readPinned(tree, from.app)).file;
    const samePin = async (rev: string): Promise<boolean> => {
      const text = await tree.showAt(rev, file);
      return text !== undefined && versionText(readImage(text, file, from.app.image)) === versionText(pinned);
    };
    const h = await healthySince(clients, owner, ctx.signal, samePin);
    const now = deps.git.now?.() ?? Date.now();
    if (!h.healthy) throw new PolicyDeniedError('promotion', `${ctx.scope.env} only accepts a version that ran healthy in ${fromEnv} for ${spanText(policy.minHealthyMs)}: ${h.why}`);
    const ran = now - h.since;
    if (ran < policy.minHealthyMs) {
      throw new PolicyDeniedError('promotion', `${ctx.scope.env} only accepts a version that ran healthy in ${fromEnv} for ${spanText(policy.minHealthyMs)}; ${versionText(live)} has been healthy there for ${spanText(Math.max(0, ran))} (${describeOwner(owner)}): try again in ${spanText(policy.minHealthyMs - ran)}`);
    }
  }
  return { version: live, from };
}

/** `promote <app> <from-env> <to-env>`: the from-env's running version, committed to the to-env's overlay. */
export function gitPromoteSpec(deps: GitChangeDeps): GitChangeSpec {
  return {
    command: 'promote',
    autoRevert: true,
    async prepare(tree, scope, ctx) {
      const inv = ctx.invocation;
      if (inv.command !== 'promote') throw new InvalidError('not a promote');
      checkOrder(deps.git.promotionOf(inv.env).order, inv.fromEnv, inv.env);
      const { version } = await fromEnvFacts(deps, tree, ctx, inv.fromEnv);
      const change = await imageChange(tree, scope, ctx, version, `promote from ${inv.fromEnv}`);
      return { ...change, facts: { ...change.facts, fromEnv: inv.fromEnv } };
    },
  };
}
