import { Redis } from 'ioredis';
import { loadToolEnv } from '../config/index.js';
import { createAuditLog } from '../audit/index.js';
import { createLogger } from '../core/logger.js';
import { runAudit } from './audit.js';
import type { CliIo } from './io.js';

/** `shipmate audit export|verify` against the Redis in REDIS_URL (no Slack token needed). */
export async function runAuditCommand(argv: string[], io: CliIo): Promise<number> {
  const tool = loadToolEnv();
  const redis = new Redis(tool.redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const auditLog = createAuditLog({ redis, key: `${tool.redisPrefix}:audit`, logger: createLogger({ level: 'warn' }) });
    return await runAudit(argv, { auditLog, out: io.out, err: io.err });
  } finally {
    redis.disconnect();
  }
}
