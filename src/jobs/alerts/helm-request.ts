import type { AlertsConfig, EnvironmentConfig } from '../../config/types.js';
import type { HygieneScanRequest } from '../../k8s/scans/hygiene-scanner.js';

/**
 * The Helm scan of one cluster covers the namespaces of the environments on it (Helm keeps a
 * release's records in the release's namespace), so findings are per environment and mention the
 * owners of the apps deployed there.
 */
export function helmScanRequest(config: NonNullable<AlertsConfig['helm']>, environments: Record<string, EnvironmentConfig>, cluster: string, now: Date): HygieneScanRequest {
  const places = Object.entries(environments)
    .filter(([, env]) => env.cluster === cluster)
    .map(([environment, env]) => ({ environment, namespace: env.namespace }));
  return { kind: 'helm', cluster, now, places, thresholds: { pendingAfterMs: config.pendingAfterMs } };
}
