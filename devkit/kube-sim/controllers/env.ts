import type { ClusterApi } from '../api.js';
import type { ResourceType } from '../resources.js';
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './events.js';

/** Effective timings of one simulated cluster (milliseconds). */
export interface Timing {
  podStartMs: number;
  podReadyMs: number;
  crashBackoffMs: number;
  controllerTickMs: number;
  /** Multiplies `progressDeadlineSeconds` so tests can see ProgressDeadlineExceeded quickly. */
  progressDeadlineScale: number;
}

/** What every controller gets: the storage API, timings and an event recorder. */
export interface ControllerEnv {
  api: ClusterApi;
  timing: Timing;
  badImagePattern: RegExp;
  events: EventRecorder;
  type(apiVersion: string, kind: string): ResourceType;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  /** Write spec+status as a controller does; returns the stored object. */
  write(obj: KubeObject): KubeObject;
  /**
   * Ask for a pass at `at` (epoch ms) even if nothing is written before then: time-driven steps
   * such as a crash-loop back-off or a progress deadline. An idle cluster otherwise sleeps.
   */
  wakeAt(at: number): void;
}

/** A controller pass: returns true while it still has work in flight (settle waits for false). */
export type Controller = (env: ControllerEnv) => boolean;
