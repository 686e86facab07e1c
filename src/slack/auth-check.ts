import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { Logger } from 'pino';

type TokenCheck = 'auth.test' | 'apps.connections.open';

/**
 * Asks Slack whether a token is usable, once, without retries: at start-up a revoked or mistyped
 * token should stop the process with a clear line, not leave a bot that answers /readyz but can
 * never post. The bot token is checked with `auth.test`; the app-level token of Socket Mode with
 * `apps.connections.open` (the URL it returns is not used). Returns the problem, or null.
 */
export async function slackTokenProblem(opts: { token: string; method?: TokenCheck; apiUrl?: string; logger: Logger; timeoutMs?: number }): Promise<string | null> {
  const method = opts.method ?? 'auth.test';
  const client = new WebClient(opts.token, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: opts.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: true,
  });
  try {
    await (method === 'auth.test' ? client.auth.test() : client.apps.connections.open());
    return null;
  } catch (err) {
    opts.logger.debug({ err, method }, 'Slack token check failed');
    const e = err as WebAPICallError;
    if (e.code === ErrorCode.PlatformError) return `Slack refused the token (${method}: ${e.data.error})`;
    if (e.code === ErrorCode.RateLimitedError) return `${method} was rate limited; try again in a minute`;
    return `${method} could not reach Slack at ${opts.apiUrl ?? 'slack.com'} (${e.code ?? 'request failed'})`;
  }
}
