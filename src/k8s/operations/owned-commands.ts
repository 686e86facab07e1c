import { UnavailableError } from '../../core/errors.js';
import { IMPERATIVE_DEFAULTS, type ImperativeVerdict, type OwnerPin, type OwningKind } from '../../core/owner.js';
import type { CommandName } from '../../core/invocation.js';
import type { HelmCli } from '../helm/helm-cli.js';
import { createOwnerCache } from '../owners/owner-cache.js';
import type { OperationBody, OperationDeps } from './operation-deps.js';
import { ownerRouted, type OwnedStrategy, type OwnerDeps } from './owned-operation.js';
import { ownerAwareHistory, ownerAwareStatus } from './owned-reads.js';
import type { RollbackStrategy } from './gitops-rollback-operation.js';
import { lazyStrategy } from './lazy-operation.js';

/** Owner-aware options of createOperations; every part has a safe default. */
export interface OwnerOptions {
  /** `apps.<app>.owner`. */
  pinOf?: (app: string) => OwnerPin | undefined;
  /** `apps.<app>.helm.imageValue`. */
  imageValueOf?: (app: string) => string;
  /** The environment policy's `imperativeOnOwned`; default IMPERATIVE_DEFAULTS. */
  imperativeOnOwned?: (env: string, owner: OwningKind) => ImperativeVerdict;
  /** The helm CLI; without it, Helm-owned rollbacks and upgrades answer that helm is unavailable. */
  helm?: HelmCli;
  /** How long a detected owner is reused (default 10 s). */
  cacheTtlMs?: number;
  /** GitOps (issue 13): `apps.<app>.rollbackStrategy` (default history). */
  rollbackStrategyOf?: (app: string) => RollbackStrategy;
  /** GitOps (issue 13): how often waits re-read the Argo CD / Flux object (default 1 s). */
  gitopsPollMs?: number;
}

/** The workload commands whose plan depends on who owns the workload. */
export const OWNED_COMMANDS: readonly CommandName[] = ['rollback', 'upgrade', 'restart', 'scale'];

function unavailable(): OwnedStrategy {
  const fail = (): never => {
    throw new UnavailableError('this app is owned by a Helm release, but no helm binary is available to Shipmate (set SHIPMATE_HELM_PATH)', { retryable: false });
  };
  return { plan: async () => fail(), fingerprint: async () => fail(), execute: async () => fail() };
}

/** Wraps the workload commands with the owner routing rule (owned-operation.ts), and shows owners in status and history. */
export function ownerDepsOf(options: OwnerOptions): OwnerDeps {
  return {
    cache: createOwnerCache({ ttlMs: options.cacheTtlMs ?? 10_000 }),
    pinOf: options.pinOf ?? (() => undefined),
    imperativeOnOwned: options.imperativeOnOwned ?? ((_env, kind) => IMPERATIVE_DEFAULTS[kind]),
  };
}

export function ownerAware(deps: OperationDeps, options: OwnerOptions, bodies: Map<CommandName, OperationBody>): Map<CommandName, OperationBody> {
  const owners = ownerDepsOf(options);
  const gitopsDeps = { ...deps, owners, gitops: { pollMs: options.gitopsPollMs ?? 1_000 } };
  // The owners' strategies are imported when a workload of that owner is first planned (lazy-operation.ts).
  const strategyOf: (app: string) => RollbackStrategy = options.rollbackStrategyOf ?? (() => 'history');
  const viaGitOps: Partial<Record<CommandName, OwnedStrategy>> = {
    rollback: lazyStrategy('GitOps rollback', async () => (await import('./gitops-rollback-operation.js')).gitopsRollbackStrategy(gitopsDeps, { strategyOf })),
  };
  const helm = options.helm;
  const imageValueOf = options.imageValueOf ?? (() => 'image.tag');
  const helmStrategies: Partial<Record<CommandName, OwnedStrategy>> = {
    rollback: helm ? lazyStrategy('Helm rollback', async () => (await import('./helm-rollback.js')).helmRollbackStrategy(deps, { helm })) : unavailable(),
    upgrade: helm ? lazyStrategy('Helm upgrade', async () => (await import('./helm-upgrade.js')).helmUpgradeStrategy(deps, { helm, imageValueOf })) : unavailable(),
  };
  const out = new Map(bodies);
  for (const command of OWNED_COMMANDS) {
    const body = bodies.get(command);
    const viaHelm = helmStrategies[command];
    const gitops = viaGitOps[command];
    if (body) out.set(command, ownerRouted(deps, owners, body, { ...(viaHelm ? { helm: viaHelm } : {}), ...(gitops ? { gitops } : {}) }));
  }
  const status = bodies.get('status');
  if (status) out.set('status', ownerAwareStatus(deps, owners, status));
  const history = bodies.get('history');
  if (history) out.set('history', ownerAwareHistory(deps, owners, history));
  return out;
}

/** The config and policy slices owner routing reads (structural: k8s/ imports neither config/ nor policy/). */
export interface OwnerSources {
  config: { apps: Record<string, { owner?: OwnerPin; helm?: { imageValue: string } }> };
  policy: { imperativeOnOwned(env: string, owner: OwningKind): ImperativeVerdict };
  helm: HelmCli;
}

/** createOperations' owner options from config (`apps.<app>.owner`, `.helm.imageValue`) and the environment policy. */
export function ownerOptionsFor(s: OwnerSources): OwnerOptions {
  return {
    helm: s.helm,
    pinOf: (app) => s.config.apps[app]?.owner,
    imageValueOf: (app) => s.config.apps[app]?.helm?.imageValue ?? 'image.tag',
    imperativeOnOwned: (env, kind) => s.policy.imperativeOnOwned(env, kind),
  };
}
