import type { Logger } from 'pino';
import type { ConfigProblem } from '../config/index.js';
import type { RuntimeEnv, ShipmateConfig } from '../config/types.js';
import { ShipmateError } from '../core/errors.js';
import { createClusterRegistry } from '../k8s/index.js';
import { slackTokenProblem } from '../slack/auth-check.js';
import { gitopsRepoProblems } from './gitops-startup.js';

/**
 * What `check-config` cannot know without the runtime environment: every configured cluster
 * resolves to a kubeconfig context that exists (or to a pod's service account), and Slack accepts
 * the bot token (and, in Socket Mode, the app token). Reaching a cluster is not required: an unreachable cluster is reported by
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
  const apiUrl = env.slackApiUrl ? { apiUrl: env.slackApiUrl } : {};
  const [bot, app] = await Promise.all([
    slackTokenProblem({ token: env.slackBotToken, ...apiUrl, logger }),
    env.slackAppToken ? slackTokenProblem({ token: env.slackAppToken, method: 'apps.connections.open', ...apiUrl, logger }) : null,
  ]);
  if (bot) problems.push({ path: 'SLACK_BOT_TOKEN', message: bot });
  if (app) problems.push({ path: 'SLACK_APP_TOKEN', message: app });
  problems.push(...(await gitopsRepoProblems(config, env.secretOf, env.gitEnv)));
  return problems;
}
