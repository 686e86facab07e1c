import type { ClusterApi } from './api.js';
import type { Faults } from './faults.js';
import type { ResourceType } from './resources.js';
import type { KubeObject } from './types.js';

/** One request served over HTTP, as tests see it in `SimCluster.requests`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  userAgent: string;
  at: number;
  contentType?: string;
  body?: string;
}

/** Options for pods/log, parsed from the query string. */
export interface LogQuery {
  container?: string;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps: boolean;
  limitBytes?: number;
}

/** What the HTTP layer needs from one simulated cluster. */
export interface ServerContext {
  name: string;
  api: ClusterApi;
  faults: Faults;
  requests: RecordedRequest[];
  /** Log text of a container instance (kubelet simulation). */
  podLogs(pod: KubeObject, query: LogQuery): string;
  /** Nudge controllers after a write so they react without waiting a tick. */
  kick(): void;
}

/** A parsed resource URL: /api/v1/namespaces/ns/pods/name/log etc. */
export interface ResourceRoute {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  sub?: string;
}
