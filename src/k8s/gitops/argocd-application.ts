import type { KObject } from '../objects/k8s-object.js';

/** The parts of an Argo CD Application (argoproj.io/v1alpha1) Shipmate reads and writes. */
export interface AppSource {
  repoURL?: string;
  path?: string;
  targetRevision?: string;
  [key: string]: unknown;
}

export interface Automated {
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  enabled?: boolean;
}

export interface Initiator {
  username?: string;
  automated?: boolean;
}

export interface AppHistoryEntry {
  id: number;
  revision: string;
  deployedAt?: string;
  deployStartedAt?: string;
  source?: AppSource;
  initiatedBy?: Initiator;
}

export interface AppResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string };
}

export interface AppOperation {
  sync?: { revision?: string; prune?: boolean; source?: AppSource; syncOptions?: string[] };
  initiatedBy?: Initiator;
}

export interface AppOperationState {
  operation?: AppOperation;
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  syncResult?: { revision?: string };
}

export interface Application extends KObject {
  spec?: { source?: AppSource; syncPolicy?: { automated?: Automated | null; [key: string]: unknown } | null; [key: string]: unknown };
  operation?: AppOperation;
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    history?: AppHistoryEntry[];
    operationState?: AppOperationState;
    resources?: AppResourceStatus[];
    conditions?: { type: string; message?: string }[];
    [key: string]: unknown;
  };
}

/** Automation counts as on unless Argo CD 3's `enabled: false` turns it off. */
export function automatedOf(app: Application): Automated | undefined {
  const a = app.spec?.syncPolicy?.automated;
  return a && a.enabled !== false ? a : undefined;
}

export function initiatorText(i: Initiator | undefined): string {
  if (!i) return 'unknown';
  if (i.username) return i.username;
  return i.automated ? 'automated sync' : 'unknown';
}

/** What blocks a new operation, named (Argo CD's server refuses while one is set or running). */
export function runningOperation(app: Application): string | undefined {
  const state = app.status?.operationState;
  const op = app.operation ?? (state?.phase === 'Running' ? state.operation : undefined);
  if (!op && state?.phase !== 'Running') return undefined;
  const rev = op?.sync?.revision ? ` to ${shortSha(op.sync.revision)}` : '';
  const started = state?.phase === 'Running' && state.startedAt ? `, running since ${state.startedAt}` : '';
  return `sync${rev} started by ${initiatorText(op?.initiatedBy)}${started}`;
}

export function shortSha(rev: string | undefined): string {
  if (!rev) return '?';
  return /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : rev;
}

/** `argocd app rollback` without an id takes the entry before the last one. */
export function rollbackEntry(app: Application, id: number | undefined): AppHistoryEntry | undefined {
  const history = app.status?.history ?? [];
  if (id === undefined) return history.length >= 2 ? history[history.length - 2] : undefined;
  return history.find((h) => h.id === id);
}
