import type { Logger } from 'pino';
import type { ConfigProblem } from '../config/index.js';
import type { RuntimeEnv, ShipmateConfig } from '../config/types.js';
import { ShipmateError } from '../core/errors.js';
import { createClusterRegistry } from '../k8s/index.js';
import { slackTokenProblem } from '../slack/auth-check.js';

/**
 * What `check-config` cannot know without the runtime environment: every configured cluster
 * resolves to a kubeconfig context that exists (or to a pod's service account), and Slack accepts
 * the bot token. Reaching a cluster is not required: an unreachable cluster is reported by
 * /readyz and per request, while the bot keeps serving the others.
 */
export async function startupProblems(opts: { env: RuntimeEnv; config: ShipmateConfig; logger: Logger }): Promise<ConfigProblem[]> {
  const { env, config, logger } = opts;
  const registry = createClusterRegistry({ clusters: config.clusters, ...(env.kubeconfig ? { kubeconfigPath: env.kubeconfig } : {}), logger });
  const problems: ConfigProblem[] = [];
  for (const name of registry.names()) {
    try {
      registry.clients(name);
    } catch (err) {
      // Printed to the operator's terminal, not to Slack: a kubeconfig parse error's own text helps.
      problems.push({ path: `clusters.${name}`, message: err instanceof ShipmateError ? err.userMessage : String(err instanceof Error ? err.message : err) });
    }
  }
  const token = await slackTokenProblem({ token: env.slackBotToken, ...(env.slackApiUrl ? { apiUrl: env.slackApiUrl } : {}), logger });
  if (token) problems.push({ path: 'SLACK_BOT_TOKEN', message: token });
  return problems;
}
