import { configPathFromEnv, formatProblem, gitopsSecrets, loadConfig } from '../config/index.js';
import type { ShipmateConfig } from '../config/types.js';

export interface CheckConfigIo {
  out(line: string): void;
  err(line: string): void;
}

/** Left-aligned columns for a small plain-text table. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

function summary(config: ShipmateConfig): string[] {
  const rows = [['ENVIRONMENT', 'CLUSTER', 'NAMESPACE', 'POLICY', 'CHANNEL']];
  for (const [name, env] of Object.entries(config.environments)) {
    const cluster = config.clusters[env.cluster];
    const where = cluster && 'context' in cluster && cluster.context !== undefined ? `${env.cluster} (context ${cluster.context})` : `${env.cluster} (in-cluster)`;
    rows.push([name, where, env.namespace, env.policy, env.channel ?? 'any']);
  }
  return table(rows);
}

/**
 * `shipmate check-config [file]`: validates the configuration without connecting anywhere. Prints
 * every problem and returns 1, or a summary of the environments and returns 0.
 */
export async function runCheckConfig(argv: string[], io: CheckConfigIo): Promise<number> {
  const [file, extra] = argv;
  if (extra !== undefined || file?.startsWith('-')) {
    io.err('usage: shipmate check-config [file]   (default: $SHIPMATE_CONFIG or ./shipmate.yaml)');
    return 2;
  }
  const path = file ?? configPathFromEnv();
  const result = await loadConfig(path);
  if (!result.ok) {
    io.err(`${path}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
    for (const p of result.problems) io.err(`  ${formatProblem(p)}`);
    return 1;
  }
  const { config, warnings } = result;
  // GitOps tokens are named in the file and live in the environment: a missing one is reported here.
  const missing = gitopsSecrets(config).problems;
  if (missing.length) {
    io.err(`${path}: ${missing.length} problem${missing.length === 1 ? '' : 's'}`);
    for (const p of missing) io.err(`  ${formatProblem(p)}`);
    return 1;
  }
  io.out(`${path}: OK`);
  for (const line of summary(config)) io.out(line);
  const apps = Object.entries(config.apps).map(([name, a]) => `${name} (${a.workload.kind.toLowerCase()}/${a.workload.name})`);
  io.out(`apps: ${apps.join(', ') || '(none)'}`);
  io.out(`alerts: ${Object.keys(config.alerts).join(', ') || '(none)'}`);
  for (const w of warnings) io.out(`warning: ${w}`);
  return 0;
}
