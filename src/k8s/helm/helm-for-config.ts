import type { HelmCli } from './helm-cli.js';
import { createHelmCli } from './helm-cli.js';

/** The cluster part of config, structurally (k8s/ does not import config/). */
export interface HelmClusterSource {
  clusters: Record<string, { context?: string | undefined; inCluster?: boolean | undefined }>;
}

/**
 * A helm CLI that reaches each configured cluster the way the cluster registry does: the named
 * kubeconfig context (and file, when KUBECONFIG is set), or the pod's service account in-cluster.
 */
export function helmForConfig(opts: { path?: string | undefined; kubeconfig?: string | undefined; config: HelmClusterSource; env?: Record<string, string> }): HelmCli {
  return createHelmCli({
    path: opts.path ?? 'helm',
    connection(cluster) {
      const c = opts.config.clusters[cluster];
      if (!c?.context) return {};
      return { kubeContext: c.context, ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}) };
    },
    ...(opts.env ? { env: opts.env } : {}),
  });
}
