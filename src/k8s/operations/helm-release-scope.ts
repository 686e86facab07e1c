import { InvalidError, NotFoundError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { HelmOwner, Owner } from '../../core/owner.js';
import type { HelmCli } from '../helm/helm-cli.js';
import { latestRevision, readReleaseHistory, type ReleaseHistory } from '../helm/release-reader.js';
import type { HelmRelease } from '../helm/release-record.js';
import { withRetry } from '../client/retry.js';
import { clientsOf, retryOptions, type OperationDeps } from './operation-deps.js';

export interface HelmDeps {
  helm: HelmCli;
}

/** The release's records, read fresh, with the revision Helm acts on. */
export interface ReleaseState {
  owner: HelmOwner;
  history: ReleaseHistory;
  latest: HelmRelease;
}

export function helmOwner(owner: Owner): HelmOwner {
  if (owner.kind !== 'helm') throw new InvalidError(`not a Helm-owned workload (${owner.kind})`);
  return owner;
}

export async function readReleaseState(deps: OperationDeps, ctx: OperationContext, owner: Owner): Promise<ReleaseState> {
  const h = helmOwner(owner);
  const history = await withRetry(() => readReleaseHistory(clientsOf(deps, ctx), h.namespace, h.release, ctx.signal), retryOptions(deps, ctx));
  const latest = latestRevision(history);
  if (!latest) throw new NotFoundError(`Helm release ${h.release} has no release records in namespace ${h.namespace} (was it uninstalled?)`);
  if (history.storage !== 'secrets') {
    throw new InvalidError(`Helm release ${h.release} is stored in ConfigMaps (HELM_DRIVER=configmap); Shipmate drives helm with its default Secret storage and cannot change it`);
  }
  return { owner: h, history, latest };
}

/** Name + current revision + status: any new revision or status change voids an approval. */
export function releaseFingerprint(s: ReleaseState): string {
  return `helm:${s.owner.namespace}/${s.owner.release}/r${s.latest.version}/${s.latest.status}`;
}

export async function helmFingerprint(deps: OperationDeps, ctx: OperationContext, owner: Owner): Promise<string> {
  return releaseFingerprint(await readReleaseState(deps, ctx, owner));
}

export function releaseLabel(s: Pick<ReleaseState, 'owner'>): string {
  return `Helm release ${s.owner.release}`;
}
