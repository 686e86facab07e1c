import type { RuntimeEnv } from './types.js';
import { ConfigError, type ConfigProblem } from './problems.js';

/** Settings for the CLI tools (`audit`, `demo`) that must run without the Slack secrets. */
export interface ToolEnv {
  redisUrl: string;
  /** Redis key prefix of the Shipmate instance to inspect (SHIPMATE_REDIS_PREFIX, default `shipmate`). */
  redisPrefix: string;
  /** First port of `shipmate demo` (SHIPMATE_DEMO_PORT, default 3000): the console; the bot uses the next one. */
  demoPort: number;
  logLevel: RuntimeEnv['logLevel'];
  /** SHIPMATE_HELM_PATH, passed on to the demo's bot (its Helm-owned app needs helm 3). */
  helmPath?: string;
}

const LEVELS: readonly RuntimeEnv['logLevel'][] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function port(text: string | undefined, problems: ConfigProblem[]): number {
  if (text === undefined) return 3000;
  const n = Number(text);
  // demoPort + 1 must be a port too.
  if (/^\d+$/.test(text) && n >= 1 && n <= 65534) return n;
  problems.push({ path: 'SHIPMATE_DEMO_PORT', message: 'must be an integer 1–65534' });
  return 3000;
}

/** SHIPMATE_REDIS_PREFIX (default `shipmate`): where one instance keeps its keys, so several can share a Redis. */
export function redisPrefixFrom(env: NodeJS.ProcessEnv, problems: ConfigProblem[]): string {
  const redisPrefix = env.SHIPMATE_REDIS_PREFIX?.trim() || 'shipmate';
  if (!/^[\w.-]{1,64}$/.test(redisPrefix)) problems.push({ path: 'SHIPMATE_REDIS_PREFIX', message: 'must be 1–64 letters, digits, "_", "." or "-"' });
  return redisPrefix;
}

/** Reads the tool settings (empty strings count as unset); throws a ConfigError listing every problem. */
export function loadToolEnv(env: NodeJS.ProcessEnv = process.env): ToolEnv {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const problems: ConfigProblem[] = [];
  const redisUrl = get('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push({ path: 'REDIS_URL', message: 'must be a redis:// or rediss:// URL' });
  const redisPrefix = redisPrefixFrom(env, problems);
  const level = get('LOG_LEVEL') ?? 'info';
  const logLevel = LEVELS.find((l) => l === level);
  if (!logLevel) problems.push({ path: 'LOG_LEVEL', message: `must be one of ${LEVELS.join(', ')}` });
  const demoPort = port(get('SHIPMATE_DEMO_PORT'), problems);
  if (problems.length > 0) throw new ConfigError(problems, 'environment');
  const helmPath = get('SHIPMATE_HELM_PATH');
  return { redisUrl, redisPrefix, demoPort, logLevel: logLevel ?? 'info', ...(helmPath ? { helmPath } : {}) };
}
