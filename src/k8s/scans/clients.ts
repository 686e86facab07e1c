import type { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';

/**
 * The API objects a scan needs for one cluster. Structural on purpose: the cluster registry builds
 * them, scans only use them, so neither depends on the other's internals.
 */
export interface ScanClients {
  core: CoreV1Api;
  custom: CustomObjectsApi;
  /** Used to ask whether the cert-manager CRD exists; without it the scan just tries the LIST. */
  apiext?: ApiextensionsV1Api;
  /** The API server URL; an https one gets its serving certificate checked through a TLS handshake. */
  server: URL;
}
