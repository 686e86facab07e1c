import type { Logger } from 'pino';
import type { ShipmateConfig } from '../../config/types.js';
import type { Policy } from '../../policy/index.js';
import type { Pipeline } from '../../jobs/index.js';
import type { AuditLog } from '../../audit/index.js';
import type { Metrics } from '../../observability/index.js';
import type { UserGroupResolver } from '../user-groups.js';

/** Everything the Slack listeners need, passed in by the composition root. */
export interface ListenerDeps {
  config: ShipmateConfig;
  policy: Policy;
  pipeline: Pipeline;
  audit: AuditLog;
  groups: UserGroupResolver;
  metrics: Metrics;
  logger: Logger;
}
