import type { WebClientOptions } from '@slack/web-api';

/**
 * WebClient options the notifier relies on: 429s are waited out (Retry-After) inside the client,
 * which pauses its request queue and so keeps messages in order; transient failures retry a few
 * times before the notify queue's own backoff takes over. Every 429 also uses one of `retries`,
 * so keep it generous.
 */
export function notifierWebClientOptions(overrides: { slackApiUrl?: string; minTimeoutMs?: number; retries?: number } = {}): WebClientOptions {
  return {
    ...(overrides.slackApiUrl ? { slackApiUrl: overrides.slackApiUrl } : {}),
    rejectRateLimitedCalls: false,
    retryConfig: {
      retries: overrides.retries ?? 8,
      factor: 2,
      minTimeout: overrides.minTimeoutMs ?? 200,
      maxTimeout: 10_000,
      randomize: true,
    },
  };
}
