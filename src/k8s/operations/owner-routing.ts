import type { CommandName } from '../../core/invocation.js';
import { describeOwner, type Owner } from '../../core/owner.js';

/** How a mutating command is carried out for an owner (DESIGN.md §4a). */
export type Strategy = 'plain' | 'helm' | 'gitops' | 'rollouts';

/** The strategies implemented today, per command; everything else falls back to the imperative change. */
const IMPLEMENTED: Partial<Record<Strategy, readonly CommandName[]>> = {
  helm: ['rollback', 'upgrade'],
  // GitOps (issue 13): rollback through the Argo CD Application's history (gitops-rollback-operation.ts).
  gitops: ['rollback'],
};

export interface Route {
  /** The strategy that plans and executes the command. */
  strategy: Strategy;
  /**
   * Set when the command runs imperatively (kubectl semantics) on an owned workload: why that is
   * unsafe, in plain words. Policy (`imperativeOnOwned`) then refuses, warns or allows.
   */
  unsafe?: string;
}

function ownerStrategy(owner: Owner): Strategy {
  switch (owner.kind) {
    case 'none':
      return 'plain';
    case 'helm':
      return 'helm';
    case 'argocd':
    case 'flux':
      return 'gitops';
    case 'rollout':
      return 'rollouts';
  }
}

/** GitOps (issue 13): the command to use instead of an imperative change on a GitOps-owned app. */
function gitopsInstead(command: CommandName): string {
  const instead: Partial<Record<CommandName, string>> = {
    upgrade: 'change the image tag in Git, then /k8s sync',
    scale: 'change replicas in Git, then /k8s sync',
    restart: '/k8s suspend first if the change must stick, or /k8s sync',
  };
  return ` (instead: ${instead[command] ?? '/k8s sync, /k8s suspend or /k8s resume'})`;
}

function unsafeBecause(owner: Owner, command: CommandName): string {
  const who = describeOwner(owner);
  switch (owner.kind) {
    case 'helm':
      return `${who} owns this workload: a kubectl-style ${command} is not recorded in the release, so helm history stops telling the truth and the next helm upgrade undoes it`;
    case 'argocd':
      return `${who} syncs this workload from Git: with self-heal it reverts a kubectl-style ${command} within minutes, and without it the app shows OutOfSync until Git changes${gitopsInstead(command)}`;
    case 'flux':
      return `${who} applies this workload from Git: its next reconcile reverts a kubectl-style ${command}${gitopsInstead(command)}`;
    default:
      return `${who} manages the pods of this workload: a kubectl-style ${command} bypasses its steps and analysis`;
  }
}

/**
 * The one routing rule: the owner's strategy plans the command when it implements it; otherwise
 * the command runs imperatively, and on an owned workload the route says why that is unsafe.
 */
export function routeCommand(owner: Owner, command: CommandName): Route {
  const strategy = ownerStrategy(owner);
  if (strategy === 'plain') return { strategy };
  if (IMPLEMENTED[strategy]?.includes(command)) return { strategy };
  return { strategy: 'plain', unsafe: unsafeBecause(owner, command) };
}
