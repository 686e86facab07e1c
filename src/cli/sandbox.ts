import { DevkitMissingError, loadDevkit } from './devkit.js';
import type { CliIo } from './io.js';

/**
 * `shipmate sandbox`: simulated clusters for trying kubectl and Shipmate without a real cluster.
 * devkit is loaded lazily here and in `demo` only; `shipmate start` never imports it.
 */
export async function runSandboxCommand(values: { port?: string; kubeconfig?: string; clusters?: string; seed?: string }, io: CliIo): Promise<number> {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    io.err(`--port must be an integer from 1 to 65535, got "${values.port}"`);
    return 1;
  }
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') {
    io.err(`--seed must be "demo" or "none", got "${seed}"`);
    return 1;
  }
  const clusters = (values.clusters ?? 'dev,staging,prod').split(',').map((c) => c.trim()).filter(Boolean);
  const bad = clusters.filter((c) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c));
  if (clusters.length === 0 || bad.length > 0) {
    io.err(`--clusters takes comma-separated DNS-1123 names like dev,staging,prod; invalid: ${bad.join(', ') || '(empty)'}`);
    return 1;
  }
  let runSandbox;
  try {
    ({ runSandbox } = await loadDevkit('sandbox', 'sandbox'));
  } catch (err) {
    if (!(err instanceof DevkitMissingError)) throw err;
    io.err(err.userMessage);
    return 1;
  }
  const sim = await runSandbox({ ...(port ? { port } : {}), ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}), clusters, seed }, io.out);
  const stop = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
