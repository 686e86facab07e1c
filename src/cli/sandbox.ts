import type { CliIo } from './io.js';

export interface SandboxFlags {
  port?: string;
  kubeconfig?: string;
  clusters?: string;
  seed?: string;
  'self-heal-seconds'?: string;
  'git-token'?: string;
}

type Parsed = { ok: true; selfHealSeconds: number; gitToken: string } | { ok: false; message: string };

/** The GitOps flags: meaningful with `--seed gitops` only, and refused elsewhere rather than ignored. */
function gitopsFlags(values: SandboxFlags, seed: string): Parsed {
  const heal = values['self-heal-seconds'];
  const token = values['git-token'];
  if (seed !== 'gitops' && (heal !== undefined || token !== undefined)) {
    return { ok: false, message: '--self-heal-seconds and --git-token go with --seed gitops' };
  }
  const selfHealSeconds = heal === undefined ? 10 : Number(heal);
  if (!Number.isInteger(selfHealSeconds) || selfHealSeconds < 0 || selfHealSeconds > 3600) {
    return { ok: false, message: `--self-heal-seconds must be an integer from 0 to 3600, got "${heal ?? ''}"` };
  }
  const gitToken = token ?? 'sandbox';
  if (!/^[\x21-\x7e]{1,200}$/.test(gitToken)) {
    return { ok: false, message: '--git-token must be 1 to 200 printable ASCII characters without spaces' };
  }
  return { ok: true, selfHealSeconds, gitToken };
}

/**
 * `shipmate sandbox`: simulated clusters for trying kubectl and Shipmate without a real cluster.
 * devkit is loaded lazily here and in `demo` only; `shipmate start` never imports it.
 */
export async function runSandboxCommand(values: SandboxFlags, io: CliIo): Promise<number> {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    io.err(`--port must be an integer from 1 to 65535, got "${values.port}"`);
    return 1;
  }
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'none' && seed !== 'gitops') {
    io.err(`--seed must be "demo", "none" or "gitops", got "${seed}"`);
    return 1;
  }
  const gitops = gitopsFlags(values, seed);
  if (!gitops.ok) {
    io.err(gitops.message);
    return 1;
  }
  const clusters = (values.clusters ?? 'dev,staging,prod').split(',').map((c) => c.trim()).filter(Boolean);
  const bad = clusters.filter((c) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c));
  if (clusters.length === 0 || bad.length > 0) {
    io.err(`--clusters takes comma-separated DNS-1123 names like dev,staging,prod; invalid: ${bad.join(', ') || '(empty)'}`);
    return 1;
  }
  const { runSandbox } = await import('../../devkit/kube-sim/sandbox.js');
  const sim = await runSandbox(
    {
      ...(port ? { port } : {}),
      ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
      clusters,
      seed,
      ...(seed === 'gitops' ? { selfHealSeconds: gitops.selfHealSeconds, gitToken: gitops.gitToken } : {}),
    },
    io.out,
  );
  const stop = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
