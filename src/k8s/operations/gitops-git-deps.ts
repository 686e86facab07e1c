import { createHash } from 'node:crypto';
import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import { resolvePathTemplate, type AppInRepo, type GitBinding, type GitCheckout, type ImageLocation, type Person } from '../../git/index.js';
import type { GitOpsDeps } from './gitops-scope.js';

/** `apps.<app>.gitops`, as main.ts hands it over (k8s/ never reads config). */
export interface AppGitSettings {
  repo: string;
  path: string;
  image: ImageLocation;
}

export interface GitChangeDeps extends GitOpsDeps {
  git: {
    checkoutOf(repo: string): GitCheckout | undefined;
    appOf(app: string): AppGitSettings | undefined;
    /** A Slack user id → handle, for trailers (best effort). */
    nameOf?(user: string): Promise<string | undefined>;
    /** An environment's cluster and namespace (promote reads the from-env). */
    envOf(env: string): { cluster: string; namespace: string } | undefined;
    /** The to-env's policy: promotion order and minimum healthy time in the env before it. */
    promotionOf(env: string): { order?: readonly string[] | undefined; minHealthyMs?: number | undefined };
    /** Now, for healthy-time arithmetic (tests pass a clock). */
    now?(): number;
  };
}

export interface GitScope {
  checkout: GitCheckout;
  app: AppInRepo;
}

/** The app's repository and resolved path in the request's environment, or a clear error. */
export function gitScope(deps: GitChangeDeps, ctx: { scope: Pick<OperationContext['scope'], 'app' | 'env' | 'cluster'> }): GitScope {
  const name = ctx.scope.app ?? '';
  const g = deps.git.appOf(name);
  if (!g) throw new InvalidError(`app ${name} has no apps.${name}.gitops configuration`);
  const checkout = deps.git.checkoutOf(g.repo);
  if (!checkout) throw new InvalidError(`apps.${name}.gitops.repo names ${g.repo}, which is not under gitops.repos`);
  return { checkout, app: { repoName: g.repo, path: resolvePathTemplate(g.path, { env: ctx.scope.env, cluster: ctx.scope.cluster }), image: g.image } };
}

/** The (repo, path) lock taken with the workload lock. */
export function repoPathLock(scope: GitScope): TargetRef {
  return { cluster: 'gitops', namespace: scope.app.repoName, kind: 'GitPath', name: scope.app.path };
}

export function bindingFingerprint(repo: string, b: GitBinding): string {
  return `git:${repo}:${b.path}@${b.head}:${b.pathId}`;
}

/** The binding an approved plan carries in its facts. */
export function bindingOf(plan: Plan): GitBinding | undefined {
  const { gitHead, gitBoundPath, gitBoundId } = plan.facts;
  if (typeof gitHead !== 'string' || typeof gitBoundPath !== 'string' || typeof gitBoundId !== 'string') return undefined;
  return { head: gitHead, path: gitBoundPath, pathId: gitBoundId };
}

export function bindingFacts(b: GitBinding): Record<string, string> {
  return { gitHead: b.head, gitBoundPath: b.path, gitBoundId: b.pathId };
}

export async function people(deps: GitChangeDeps, ctx: OperationContext): Promise<{ requester: Person; approvers: Person[] }> {
  // The handle Slack sent with the request or click; a lookup only for records from before handles were kept.
  const person = async (id: string, handle: string | undefined): Promise<Person> => ({ id, name: handle ?? (await deps.git.nameOf?.(id).catch(() => undefined)) });
  return {
    requester: await person(ctx.requester, ctx.requesterHandle),
    approvers: await Promise.all((ctx.approvers ?? []).map((a) => person(a.id, a.handle))),
  };
}

export const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);
