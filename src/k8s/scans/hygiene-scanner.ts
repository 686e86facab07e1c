import type { Logger } from 'pino';
import { scanCertificates } from './cert-scan.js';
import type { ScanClients } from './clients.js';
import type { CertThresholds, ClusterScanResult, HelmThresholds, QuotaThresholds } from './finding.js';
import type { HelmScanPlace } from './helm-scan.js';
import { scanQuotas } from './quota-scan.js';
import { translateApiError } from '../client/api-errors.js';

export type ScanKind = 'certificates' | 'quotas' | 'helm' | 'gitops';

export type HygieneScanRequest =
  | { kind: 'certificates'; cluster: string; thresholds: CertThresholds; now: Date }
  | { kind: 'quotas'; cluster: string; thresholds: QuotaThresholds; now: Date }
  | { kind: 'helm'; cluster: string; thresholds: HelmThresholds; now: Date; places: readonly HelmScanPlace[] }
  | { kind: 'gitops'; cluster: string; now: Date };

/** Runs one scan on one cluster; never rejects (failures are `{ ok: false }`). */
export type HygieneScanner = (request: HygieneScanRequest) => Promise<ClusterScanResult>;

export interface HygieneScannerOptions {
  /** The cluster registry's clients for a cluster (a registry's ClusterClients fits structurally). */
  clientsFor(cluster: string): ScanClients | Promise<ScanClients>;
  pageSize?: number;
  handshakeTimeoutMs?: number;
  logger?: Logger;
}

/** The scanner the scheduled alerts and the on-demand commands share, so both see the same findings. */
export function createHygieneScanner(options: HygieneScannerOptions): HygieneScanner {
  return async (request) => {
    let clients: ScanClients;
    try {
      clients = await options.clientsFor(request.cluster);
    } catch (err) {
      options.logger?.warn({ err, cluster: request.cluster }, 'no clients for cluster');
      return { ok: false, cluster: request.cluster, reason: clientError(err) };
    }
    const paging = {
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    };
    // The Helm and GitOps scans are imported on their first run: most bots schedule neither.
    if (request.kind === 'helm') {
      const { scanHelmReleases } = await import('./helm-scan.js');
      return scanHelmReleases(clients, { cluster: request.cluster, places: request.places, thresholds: request.thresholds, now: request.now, ...paging });
    }
    if (request.kind === 'gitops') return (await import('./gitops-scan.js')).scanGitOps(clients, { cluster: request.cluster, ...paging });
    if (request.kind === 'quotas') return scanQuotas(clients, { cluster: request.cluster, thresholds: request.thresholds, ...paging });
    return scanCertificates(clients, {
      cluster: request.cluster,
      thresholds: request.thresholds,
      now: request.now,
      ...paging,
      ...(options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: options.handshakeTimeoutMs }),
    });
  };
}

// Registry errors are ShipmateErrors with a safe userMessage (unknown cluster, missing context), kept as they are.
function clientError(err: unknown): string {
  return translateApiError(err, { verb: 'connect to', resource: 'the cluster' }).userMessage;
}
