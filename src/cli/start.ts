import { formatProblem, loadConfig, loadRuntimeEnv, redisPrefixFrom, ConfigError, type ConfigProblem } from '../config/index.js';
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

/**
 * `shipmate start`: environment → config → start-up checks → the bot. Every problem is listed at
 * once and the process exits 1 before anything is served.
 */
export async function runStart(io: CliIo): Promise<number> {
  let env;
  let prefix;
  try {
    env = loadRuntimeEnv();
    // Several instances may share one Redis; `shipmate audit` reads the same variable.
    const problems: ConfigProblem[] = [];
    prefix = redisPrefixFrom(process.env, problems);
    if (problems.length > 0) throw new ConfigError(problems, 'environment');
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err('shipmate: the environment is not usable:');
      for (const p of err.problems) io.err(`  ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
      return 1;
    }
    throw err;
  }
  const loaded = await loadConfig(env.configPath);
  if (!loaded.ok) {
    io.err(`shipmate: ${env.configPath} has problems:`);
    for (const p of loaded.problems) io.err(`  ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    return 1;
  }
  const logger = createLogger({ level: env.logLevel });
  for (const w of loaded.warnings) logger.warn(w);
  const problems = await startupProblems({ env, config: loaded.config, logger });
  if (problems.length > 0) {
    io.err(`shipmate: cannot start with this configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const p of problems) io.err(`  ${formatProblem(p)}`);
    return 1;
  }
  const shipmate: Shipmate = await startShipmate({ env, config: loaded.config, logger, prefix });
  onShutdownSignals(() => shipmate.stop(), io);
  return 0;
}
