import { ConfigError } from './problems.js';

/** At least 32 characters: `openssl rand -hex 32` gives 64. */
const MIN_KEY_LENGTH = 32;
const HINT = 'generate one with `openssl rand -hex 32` and keep it outside Redis (a Kubernetes Secret); every replica and `shipmate audit` need the same key';

/**
 * SHIPMATE_AUDIT_KEY, the HMAC key of the audit chain. There is no default and no fallback: a bot
 * started without it would write a chain anyone with Redis access could rewrite, so `start` stops.
 */
export function loadAuditKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = env['SHIPMATE_AUDIT_KEY']?.trim() ?? '';
  if (text === '') throw new ConfigError([{ path: 'SHIPMATE_AUDIT_KEY', message: 'is required: it keys the audit chain', hint: HINT }], 'environment');
  if (text.length < MIN_KEY_LENGTH) {
    throw new ConfigError([{ path: 'SHIPMATE_AUDIT_KEY', message: `must be at least ${MIN_KEY_LENGTH} characters (got ${text.length})`, hint: HINT }], 'environment');
  }
  return Buffer.from(text, 'utf8');
}
