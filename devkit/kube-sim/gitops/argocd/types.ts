/** The parts of Argo CD's Application (argoproj.io/v1alpha1) the simulated controller reads and writes. */
export interface AppSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  helm?: { releaseName?: string; valueFiles?: string[]; values?: string; valuesObject?: unknown };
  directory?: { recurse?: boolean };
}

export interface AppDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface Automated {
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  /** Argo CD 3.x: `false` turns automation off while keeping its settings. */
  enabled?: boolean;
}

export interface AppSpec {
  project?: string;
  source?: AppSource;
  destination?: AppDestination;
  syncPolicy?: { automated?: Automated | null; syncOptions?: string[] } | null;
  revisionHistoryLimit?: number;
}

export interface Initiator {
  username?: string;
  automated?: boolean;
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  source?: AppSource;
  syncOptions?: string[];
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: Initiator;
  retry?: { limit?: number };
  info?: { name: string; value: string }[];
}

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
  message: string;
  hookPhase: 'Running' | 'Failed';
  syncPhase: 'Sync';
}

export interface OperationState {
  operation: Operation;
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
  message?: string;
  syncResult?: { resources?: ResourceResult[]; revision: string; source?: AppSource };
  startedAt: string;
  finishedAt?: string;
}

export interface HistoryEntry {
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt?: string;
  source?: AppSource;
  initiatedBy?: Initiator;
}

export interface AppStatus {
  sync?: { status: 'Synced' | 'OutOfSync' | 'Unknown'; revision?: string; comparedTo?: { source?: AppSource; destination?: AppDestination } };
  health?: { status: string; message?: string; lastTransitionTime?: string };
  resources?: unknown[];
  history?: HistoryEntry[];
  operationState?: OperationState;
  conditions?: { type: string; message: string; lastTransitionTime?: string }[];
  reconciledAt?: string;
  sourceType?: string;
  summary?: { images?: string[] };
  controllerNamespace?: string;
}

export const TRACKING_ID = 'argocd.argoproj.io/tracking-id';
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export function automatedOf(spec: AppSpec): Automated | undefined {
  const a = spec.syncPolicy?.automated;
  return a && a.enabled !== false ? a : undefined;
}
