import { userMessageOf } from '../../core/errors.js';
import { describeOwner, type Owner } from '../../core/owner.js';
import { clientsOf, type OperationBody, type OperationDeps } from './operation-deps.js';
import { ownerOfScope, type OwnerDeps } from './owned-operation.js';
import { result } from './outcome.js';

/** `/k8s status` with the owner in its report; an owner that cannot be read is said, not fatal. */
export function ownerAwareStatus(deps: OperationDeps, owners: OwnerDeps, plain: OperationBody): OperationBody {
  return {
    ...plain,
    async execute(ctx, plan) {
      const [out, owner] = await Promise.all([plain.execute(ctx, plan), ownerOfScope(deps, owners, ctx).catch((err: unknown) => userMessageOf(err))]);
      return out.report ? { ...out, report: { ...out.report, owner } } : out;
    },
  };
}

/** `/k8s history`: for a Helm-owned app, Helm's revisions (what `helm history` shows); else the workload's. */
export function ownerAwareHistory(deps: OperationDeps, owners: OwnerDeps, plain: OperationBody): OperationBody {
  return {
    ...plain,
    async execute(ctx, plan) {
      const owner: Owner = await ownerOfScope(deps, owners, ctx);
      if (owner.kind !== 'helm') return plain.execute(ctx, plan);
      // Helm's record reader is imported only for a Helm-owned app.
      const [{ readReleaseHistory }, { helmHistoryTable }] = await Promise.all([import('../helm/release-reader.js'), import('../helm/history-table.js')]);
      const history = await readReleaseHistory(clientsOf(deps, ctx), owner.namespace, owner.release, ctx.signal);
      const latest = history.revisions.at(-1);
      return result('succeeded', `${describeOwner(owner)}: ${history.revisions.length} Helm revision(s)`, {
        sections: [{ title: `Helm history of release ${owner.release}`, text: helmHistoryTable(history.revisions), preformatted: true }],
        facts: { release: owner.release, revisions: history.revisions.length, current: latest?.version ?? 0, storage: history.storage },
      });
    },
  };
}
