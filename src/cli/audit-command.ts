import { Redis } from 'ioredis';
import { ConfigError, loadAuditKey, loadToolEnv } from '../config/index.js';
import { createAuditLog } from '../audit/index.js';
import { createLogger } from '../core/logger.js';
import { runAudit } from './audit.js';
import type { CliIo } from './io.js';

/** `shipmate audit export|verify` against the Redis in REDIS_URL (no Slack token needed; SHIPMATE_AUDIT_KEY is). */
export async function runAuditCommand(argv: string[], io: CliIo): Promise<number> {
  const tool = loadToolEnv();
  let auditKey: Buffer;
  try {
    auditKey = loadAuditKey();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) io.err(`shipmate audit: ${p.path} ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    return 2;
  }
  // lazyConnect: `verify --file` checks an export and never needs Redis.
  const redis = new Redis(tool.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  try {
    const key = `${tool.redisPrefix}:audit`;
    const auditLog = createAuditLog({ redis, key, hmacKey: auditKey, logger: createLogger({ level: 'warn' }) });
    return await runAudit(argv, { auditLog, auditKey, source: `Redis key ${key}`, out: io.out, err: io.err });
  } finally {
    redis.disconnect();
  }
}
