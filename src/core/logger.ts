import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object: tokens, signing secrets, auth
 * headers, and Kubernetes Secret data. Redaction at the sink is the last line of defence; the
 * operations also redact at the source (env values, Secret data are never read into results).
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'slackBotToken',
  '*.slackBotToken',
  'slackAppToken',
  '*.slackAppToken',
  'signingSecret',
  '*.signingSecret',
  'slackSigningSecret',
  '*.slackSigningSecret',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  'data',
  '*.data',
  'stringData',
  '*.stringData',
];

export function createLogger(opts: { level: LevelWithSilent; name?: string; destination?: DestinationStream }): Logger {
  const options = { level: opts.level, name: opts.name ?? 'shipmate', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
