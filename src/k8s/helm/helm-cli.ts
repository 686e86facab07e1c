import { ShipmateError } from '../../core/errors.js';
import { runTool } from '../client/run-tool.js';

/** How helm reaches one cluster: the kubeconfig context (absent in-cluster, where helm finds the service account). */
export interface HelmConnection {
  kubeContext?: string;
  kubeconfig?: string;
}

export interface HelmRunResult {
  stdout: string;
  stderr: string;
}

export interface HelmCli {
  readonly path: string;
  /** Runs `helm <args> --namespace ns` plus the cluster's connection flags; argv only, never a shell. */
  run(cluster: string, namespace: string, args: readonly string[], signal?: AbortSignal): Promise<HelmRunResult>;
  /** `helm version --short`, e.g. `v3.17.2+gcc0bbbd`. */
  version(): Promise<string>;
}

export interface HelmCliOptions {
  /** The helm binary (config `SHIPMATE_HELM_PATH`, default `helm` on PATH). */
  path: string;
  connection(cluster: string): HelmConnection;
  /** Environment for the child (HELM_CACHE_HOME…); inherited when absent. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** helm's own error text is the most useful answer, but only its last lines, without its usage help. */
function helmError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.filter((l) => l.startsWith('Error:')).pop() ?? lines.pop() ?? 'no output').replace(/^Error:\s*/, '').slice(0, 500);
}

function exec(path: string, args: readonly string[], opts: { env?: Record<string, string>; timeoutMs: number; signal?: AbortSignal }): Promise<HelmRunResult> {
  return runTool(path, args, {
    ...opts,
    notFound: `the helm binary was not found at ${path} (set SHIPMATE_HELM_PATH)`,
    cancelled: 'cancelled while helm was running',
    failed: (stderr, err) => new ShipmateError('invalid', `helm ${args[0] ?? ''} failed: ${helmError(stderr)}`, { cause: err, detail: stderr.slice(-2_000) }),
  });
}

export function createHelmCli(options: HelmCliOptions): HelmCli {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const env = options.env;
  return {
    path: options.path,
    run(cluster, namespace, args, signal) {
      const c = options.connection(cluster);
      const conn = [...(c.kubeContext ? ['--kube-context', c.kubeContext] : []), ...(c.kubeconfig ? ['--kubeconfig', c.kubeconfig] : [])];
      return exec(options.path, [...args, '--namespace', namespace, ...conn], { timeoutMs, ...(env ? { env } : {}), ...(signal ? { signal } : {}) });
    },
    async version() {
      return (await exec(options.path, ['version', '--short'], { timeoutMs: 30_000, ...(env ? { env } : {}) })).stdout.trim();
    },
  };
}

/**
 * Start-up check: Shipmate drives helm 3's CLI and storage format. A helm that is not 3.x is a
 * configuration error; a missing one only disables Helm operations (they say so when asked).
 */
export async function checkHelmVersion(cli: HelmCli): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  let version: string;
  try {
    version = await cli.version();
  } catch (err) {
    return { ok: false, reason: err instanceof ShipmateError ? err.userMessage : `helm version failed at ${cli.path}` };
  }
  if (!/^v3\.\d+\.\d+/.test(version)) throw new ShipmateError('config', `${cli.path} is helm ${version || '(unknown version)'}; Shipmate needs helm 3.x`);
  return { ok: true, version };
}
