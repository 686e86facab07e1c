import type { Owner } from './owner.js';

/**
 * What `/k8s status` found, as data: k8s/ reads it, slack/views renders it. Every string in it
 * comes from the cluster and is escaped by the view.
 */
export interface WorkloadStatusReport {
  kind: 'workload-status';
  /** e.g. `deployment/checkout`. */
  workload: string;
  rollout: { state: 'done' | 'progressing' | 'failed'; message: string };
  ready: number;
  desired: number;
  revision: number;
  /** Images of the current spec (what the workload asks for). */
  specImages: string[];
  /** What actually runs: pods grouped by revision, with their images. Newest revision first. */
  versions: RunningVersion[];
  /** Pods that are not ready or whose containers crash-loop or fail to pull. */
  troubledPods: TroubledPod[];
  /** Recent Warning events about the workload, its ReplicaSets/revisions and its pods, newest last. */
  warnings: WarningEvent[];
  /** Who owns the workload (DESIGN.md §4a); a string when it could not be determined (why). */
  owner?: Owner | string;
}

export interface RunningVersion {
  /** Undefined when a pod's revision could not be matched to the history. */
  revision: number | undefined;
  images: string[];
  pods: number;
  ready: number;
}

export interface TroubledPod {
  name: string;
  phase: string;
  ready: boolean;
  /** e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `not ready`. */
  reason: string;
  restarts: number;
  images: string[];
}

export interface WarningEvent {
  /** e.g. `pod/checkout-7d9-x2x`. */
  object: string;
  reason: string;
  message: string;
  count: number;
  last: string;
}
