import type { KubeSim } from './index.js';
import { startKubeSim } from './index.js';

export interface SandboxOptions {
  port?: number;
  kubeconfig?: string;
  clusters?: string[];
  seed?: 'demo' | 'none';
}

/**
 * `shipmate sandbox`: start kube-sim with human-paced timings, write the kubeconfig and say how to
 * use it. The caller keeps the process alive and calls `stop()` on exit.
 */
export async function runSandbox(opts: SandboxOptions, out: (line: string) => void): Promise<KubeSim> {
  const sim = await startKubeSim({
    clusters: opts.clusters?.length ? opts.clusters : ['dev', 'staging', 'prod'],
    seed: opts.seed ?? 'demo',
    ...(opts.port ? { basePort: opts.port } : {}),
    ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
    timing: { podStartMs: 1500, podReadyMs: 2500, crashBackoffMs: 10_000, controllerTickMs: 250, progressDeadlineScale: 0.1 },
  });
  out(`kube-sim is serving ${sim.contexts.length} cluster(s):`);
  for (const name of sim.contexts) out(`  ${name.padEnd(10)} ${sim.url(name)}`);
  out(`kubeconfig written to ${sim.kubeconfigPath}`);
  out(`try: kubectl --kubeconfig ${sim.kubeconfigPath} --context ${sim.contexts[0] ?? 'dev'} get pods -A`);
  return sim;
}
