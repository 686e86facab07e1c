import type { WorkloadStatusReport } from './workload-status.js';
import type { TargetRef } from './target.js';
import type { Owner } from './owner.js';

/**
 * What a mutating request will do, computed before approval. The approval is bound to
 * `fingerprint`: when the job starts it re-reads the target and stops if the fingerprint differs.
 */
export interface Plan {
  target: TargetRef;
  /** One line, e.g. `roll back deployment/api-service from revision 5 (v1.4.2) to revision 4 (v1.4.1)`. */
  summary: string;
  /** Unified diff of the relevant spec; '' when there is nothing to show. */
  diff: string;
  dryRun: { performed: boolean; ok: boolean; message?: string; warnings: string[] };
  /** Opaque and comparable: uid + resourceVersion/generation + revision of the target. */
  fingerprint: string;
  /** True when the change would do nothing (e.g. already at that revision); nothing is sent then. */
  noop: boolean;
  /** Small facts for the card and the audit record (revision numbers, images). */
  facts: Record<string, string | number | boolean>;
  /** Who owns the target (DESIGN.md §4a); absent for targets that have no owner concept (nodes). */
  owner?: Owner;
  /** Plain text: why this imperative change is unsafe for its owner, shown when policy says `warn`. */
  ownerWarning?: string;
  /** More objects to lock with the target while the job runs, e.g. a GitOps (repo, path) (issue 14). */
  extraLocks?: TargetRef[];
}

export interface OperationFile {
  filename: string;
  title: string;
  content: string;
}

export interface OperationResult {
  outcome: 'succeeded' | 'failed';
  /** One line for the card. */
  summary: string;
  /** Thread sections; the notifier moves long ones into files. */
  sections: ResultSection[];
  files: OperationFile[];
  /** Facts for the audit record. */
  facts: Record<string, string | number | boolean>;
  /** Structured findings that slack/views renders itself (today: `/k8s status`). */
  report?: WorkloadStatusReport;
}

/**
 * One titled part of a result. All strings are plain text (never mrkdwn): slack/views escapes
 * them, so cluster text cannot form mentions or close a code fence.
 */
export interface ResultSection {
  title: string;
  /** Plain text; shown as a code block when `preformatted`. */
  text: string;
  preformatted?: boolean;
  /** Marked lines (findings, check results) shown after `text`. */
  items?: ResultItem[];
  /** How many more items are left out of `items` (they are in an attached file). */
  hidden?: number;
}

/** A line with a severity mark: the view picks the emoji. */
export interface ResultItem {
  mark: 'critical' | 'warning' | 'resolved' | 'note';
  text: string;
}

/**
 * A progress event from a running operation. `step` becomes a thread reply; `status` edits the
 * card; `reminder` is a thread reply that is pinned, for what must stay visible after the request
 * ends (e.g. auto-sync left suspended until someone resumes it).
 */
export interface ProgressEvent {
  kind: 'step' | 'status' | 'reminder';
  text: string;
}

export type ProgressSink = (event: ProgressEvent) => Promise<void>;
