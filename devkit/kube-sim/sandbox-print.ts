import type { KubeSim } from './index.js';

/** What `shipmate sandbox` prints about its clusters. */
export function printClusters(sim: KubeSim, out: (line: string) => void): void {
  out(`kube-sim is serving ${sim.contexts.length} cluster(s):`);
  for (const name of sim.contexts) out(`  ${name.padEnd(10)} ${sim.url(name)}`);
  out(`kubeconfig written to ${sim.kubeconfigPath}`);
  out(`try: kubectl --kubeconfig ${sim.kubeconfigPath} --context ${sim.contexts[0] ?? 'dev'} get pods -A`);
}
