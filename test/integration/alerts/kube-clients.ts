import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import type { ScanClients } from '../../../src/k8s/scans/clients.js';

/**
 * Scan clients for one kube-sim context straight from client-node. kube-sim serves plain HTTP,
 * which client-node 1.4 only accepts with skipTLSVerify, so the loaded clusters get that flag.
 */
export function scanClientsFor(kubeconfigPath: string, context: string): ScanClients {
  const loaded = new KubeConfig();
  loaded.loadFromFile(kubeconfigPath);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: loaded.clusters.map((c) => ({ ...c, skipTLSVerify: true })),
    users: loaded.users,
    contexts: loaded.contexts,
    currentContext: context,
  });
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error(`no server for context ${context}`);
  return {
    core: kc.makeApiClient(CoreV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    apiext: kc.makeApiClient(ApiextensionsV1Api),
    server: new URL(server),
  };
}
