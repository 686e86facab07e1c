import { formatProblem, loadAuditKey, loadConfig, loadRuntimeEnv, redisPrefixFrom, ConfigError, type ConfigProblem } from '../config/index.js';
import { createLogger } from '../core/logger.js';
import { startShipmate, type Shipmate } from '../main.js';
import type { CliIo } from './io.js';
import { startupProblems } from './startup-checks.js';

/** Stop on SIGTERM/SIGINT: readiness goes 503, listeners stop, workers finish active jobs. */
export function onShutdownSignals(stop: () => Promise<void>, io: CliIo): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    io.err(`shipmate: ${signal} received, draining`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        io.err(`shipmate: shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}

/** Runs a loader; its ConfigError problems join `problems` so every problem is listed at once. */
function collect<T>(load: () => T, problems: ConfigProblem[]): T | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/**
 * `shipmate start`: environment → config → start-up checks → the bot. Every problem is listed at
 * once and the process exits 1 before anything is served.
 */
export async function runStart(io: CliIo): Promise<number> {
  const problems: ConfigProblem[] = [];
  const env = collect(() => loadRuntimeEnv(), problems);
  // Several instances may share one Redis; `shipmate audit` reads the same variable.
  const prefix = redisPrefixFrom(process.env, problems);
  // Required: without the key the audit chain could be rewritten by anyone with Redis access.
  const auditKey = collect(() => loadAuditKey(), problems);
  if (!env || !auditKey || problems.length > 0) {
    io.err('shipmate: the environment is not usable:');
    for (const p of problems) io.err(`  ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    return 1;
  }
  const loaded = await loadConfig(env.configPath);
  if (!loaded.ok) {
    io.err(`shipmate: ${env.configPath} has problems:`);
    for (const p of loaded.problems) io.err(`  ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    return 1;
  }
  const logger = createLogger({ level: env.logLevel });
  for (const w of loaded.warnings) logger.warn(w);
  const startup = await startupProblems({ env, config: loaded.config, logger });
  if (startup.length > 0) {
    io.err(`shipmate: cannot start with this configuration (${startup.length} problem${startup.length === 1 ? '' : 's'}):`);
    for (const p of startup) io.err(`  ${formatProblem(p)}`);
    return 1;
  }
  const shipmate: Shipmate = await startShipmate({ env, config: loaded.config, logger, prefix, auditKey });
  onShutdownSignals(() => shipmate.stop(), io);
  return 0;
}
