import { overlay, type OperationRegistry } from '../../core/operation.js';
import type { CertThresholds, QuotaThresholds } from '../scans/finding.js';
import { createGitChangeOperations, type CreateGitChangeOperationsOptions } from './create-git-change-operations.js';
import { createGitOpsOperations } from './create-gitops-operations.js';
import { createOperations, type CreateOperationsOptions } from './create-operations.js';
import type { FluxSourceDeps } from './flux-source-diff.js';
import { createScanOperations } from './scan-operation.js';

/** createOperations' options (clusters, logger, the spec's mutates flag, showEnv, timing, owners), and: */
export interface OperationRegistryOptions extends CreateOperationsOptions {
  /** The scans' thresholds, read structurally from the app config's `alerts`. */
  alerts?: { certificates?: CertThresholds; quotas?: QuotaThresholds };
  /** Changes through Git (issue 14), when any app has a GitOps repository: its working copies and routing. */
  git?: Pick<CreateGitChangeOperationsOptions, 'git' | 'strategyOf'>;
  /** Flux `/k8s diff`: the `gitops.repos` working copies and kubectl kustomize, to render the source. */
  fluxSources?: FluxSourceDeps;
}

/**
 * Every command's operation, built in layers; a later layer wins for the commands it has:
 * 1. the imperative commands (kubectl's ways, routed through the workload's owner: Helm, GitOps)
 *    and the on-demand scans;
 * 2. the GitOps commands (sync, suspend, resume, diff), and status/history with the GitOps
 *    owner's state added;
 * 3. changes through Git: upgrade, promote and rollback become commits for apps with a repository.
 */
export function createOperationRegistry(o: OperationRegistryOptions): OperationRegistry {
  const common = {
    registry: o.registry,
    logger: o.logger,
    mutates: o.mutates,
    ...(o.showEnv ? { showEnv: o.showEnv } : {}),
    ...(o.timing ? { timing: o.timing } : {}),
    ...(o.owners ? { owners: o.owners } : {}),
  };
  const scans = createScanOperations({ clientsFor: (cluster) => o.registry.clients(cluster), mutates: o.mutates, config: { alerts: o.alerts ?? {} }, logger: o.logger });
  const imperative = overlay(createOperations(common), scans);
  const gitops = createGitOpsOperations({ ...common, base: imperative, ...(o.fluxSources ? { fluxSources: o.fluxSources } : {}) });
  if (!o.git) return gitops;
  return createGitChangeOperations({ ...common, base: gitops, ...o.git, ...(o.owners?.gitopsPollMs !== undefined ? { pollMs: o.owners.gitopsPollMs } : {}) });
}
