import type { Logger } from 'pino';
import type { ShipmateConfig } from '../../config/types.js';
import type { Policy } from '../../policy/index.js';
import type { Pipeline } from '../../jobs/index.js';
import type { AuditLog } from '../../audit/index.js';
import type { Metrics } from '../../observability/index.js';
import type { UserGroupResolver } from '../user-groups.js';

/** What the ack path may know about a cluster: the background reachability state, never a live call. */
export interface ClusterStatusView {
  /** Why the cluster is known to be unreachable right now, or null (reachable or not known). */
  unreachable(cluster: string): string | null;
}

/** Everything the Slack listeners need, passed in by the composition root. */
export interface ListenerDeps {
  config: ShipmateConfig;
  policy: Policy;
  pipeline: Pipeline;
  audit: AuditLog;
  groups: UserGroupResolver;
  clusters: ClusterStatusView;
  metrics: Metrics;
  logger: Logger;
}
