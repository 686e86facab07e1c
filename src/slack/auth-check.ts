import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * Asks Slack (`auth.test`) whether the bot token is usable, once, without retries: at start-up a
 * revoked or mistyped token should stop the process with a clear line, not leave a bot that
 * answers /readyz but can never post. Returns the problem, or null when Slack accepted the token.
 */
export async function slackTokenProblem(opts: { token: string; apiUrl?: string; logger: Logger; timeoutMs?: number }): Promise<string | null> {
  const client = new WebClient(opts.token, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: opts.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: true,
  });
  try {
    await client.auth.test();
    return null;
  } catch (err) {
    opts.logger.debug({ err }, 'auth.test failed');
    const e = err as WebAPICallError;
    if (e.code === ErrorCode.PlatformError) return `Slack refused the token (auth.test: ${e.data.error})`;
    if (e.code === ErrorCode.RateLimitedError) return 'auth.test was rate limited; try again in a minute';
    return `auth.test could not reach Slack at ${opts.apiUrl ?? 'slack.com'} (${e.code ?? 'request failed'})`;
  }
}
