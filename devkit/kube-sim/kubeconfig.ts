import { stringify } from 'yaml';

/**
 * A kubeconfig with one cluster, user and context per simulated cluster (context named as the
 * cluster). client-node 1.x refuses plain-HTTP servers unless `insecure-skip-tls-verify` is set;
 * kubectl ignores the flag for http:// servers.
 */
export function buildKubeconfig(clusters: { name: string; url: string }[]): string {
  const first = clusters[0]?.name ?? '';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map((c) => ({ name: c.name, cluster: { server: c.url, 'insecure-skip-tls-verify': true } })),
    users: clusters.map((c) => ({ name: `${c.name}-admin`, user: { token: `kube-sim-token-${c.name}` } })),
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: `${c.name}-admin`, namespace: 'default' } })),
    'current-context': first,
  });
}
