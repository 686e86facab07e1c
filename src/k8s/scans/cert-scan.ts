import type { Logger } from 'pino';
import type { V1Secret } from '@kubernetes/client-node';
import { apiServerFindings } from './api-server-cert.js';
import { findingsForCertManagerCertificate, type CertManagerCertificate } from './cert-manager-findings.js';
import type { ScanClients } from './clients.js';
import type { CertThresholds, ClusterScanResult, Finding } from './finding.js';
import { DEFAULT_PAGE_SIZE, paginate, type ListPage } from '../client/paginate.js';
import { apiStatusCode, translateApiError } from '../client/api-errors.js';
import { ChainCache, findingsForTlsSecret, type CertContext } from './tls-secret-findings.js';

export interface CertScanOptions {
  cluster: string;
  thresholds: CertThresholds;
  now?: Date;
  /** LIST page size (≤ 500). */
  pageSize?: number;
  /** Gets the full error of a failed scan; the result only carries a short, Slack-safe reason. */
  logger?: Logger;
  handshakeTimeoutMs?: number;
}

const TLS_TYPE = 'kubernetes.io/tls';
const CERT_MANAGER_CRD = 'certificates.cert-manager.io';

/**
 * Certificate hygiene for one cluster: every `kubernetes.io/tls` Secret (each certificate of the
 * chain), cert-manager Certificates when the CRD exists, and the API server's serving certificate.
 * Never throws: an unreachable cluster is `{ ok: false }`.
 */
export async function scanCertificates(clients: ScanClients, options: CertScanOptions): Promise<ClusterScanResult> {
  const ctx: CertContext = { cluster: options.cluster, now: options.now ?? new Date(), thresholds: options.thresholds };
  const limit = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  try {
    const findings: Finding[] = [];
    const notes: string[] = [];
    const secrets = await scanTlsSecrets(clients, ctx, limit, findings);
    const certificates = await scanCertManager(clients, ctx, limit, findings, secrets.reportedLeaves);
    if (certificates === undefined) notes.push('cert-manager is not installed; Certificate resources not checked');
    const server = await apiServerFindings(clients.server, ctx, options.handshakeTimeoutMs);
    findings.push(...server.findings);
    if (server.note) notes.push(server.note);
    return { ok: true, cluster: ctx.cluster, findings, scanned: secrets.count + (certificates ?? 0), notes };
  } catch (err) {
    options.logger?.warn({ err, cluster: options.cluster }, 'certificate scan failed');
    return { ok: false, cluster: ctx.cluster, reason: translateApiError(err, { verb: 'list', resource: 'TLS secrets and certificates' }).userMessage };
  }
}

async function scanTlsSecrets(clients: ScanClients, ctx: CertContext, limit: number, out: Finding[]) {
  const cache = new ChainCache();
  const reportedLeaves = new Set<string>();
  let count = 0;
  const pages = paginate<V1Secret>((cont) =>
    clients.core.listSecretForAllNamespaces({ fieldSelector: `type=${TLS_TYPE}`, limit, ...(cont ? { _continue: cont } : {}) }),
  );
  for await (const page of pages) {
    for (const secret of page) {
      // Filter again: a server that ignores the field selector must not turn Opaque Secrets into findings.
      if (secret.type !== TLS_TYPE) continue;
      count += 1;
      const found = findingsForTlsSecret(secret, ctx, cache);
      if (found.some((f) => f.key.endsWith('/0'))) reportedLeaves.add(`${secret.metadata?.namespace}/${secret.metadata?.name}`);
      out.push(...found);
    }
  }
  return { count, reportedLeaves };
}

/** Returns how many Certificates were checked, or undefined when cert-manager is not installed. */
async function scanCertManager(
  clients: ScanClients,
  ctx: CertContext,
  limit: number,
  out: Finding[],
  reportedSecrets: ReadonlySet<string>,
): Promise<number | undefined> {
  if (clients.apiext && !(await crdExists(clients, CERT_MANAGER_CRD))) return undefined;
  let count = 0;
  const pages = paginate<CertManagerCertificate>(
    (cont) =>
      clients.custom.listClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'certificates',
        limit,
        ...(cont ? { _continue: cont } : {}),
      }) as Promise<ListPage<CertManagerCertificate>>,
  );
  try {
    for await (const page of pages) {
      for (const cert of page) {
        count += 1;
        out.push(...findingsForCertManagerCertificate(cert, ctx, reportedSecrets));
      }
    }
  } catch (err) {
    if (apiStatusCode(err) === 404) return undefined;
    throw err;
  }
  return count;
}

async function crdExists(clients: ScanClients, name: string): Promise<boolean> {
  try {
    await clients.apiext?.readCustomResourceDefinition({ name });
    return true;
  } catch (err) {
    if (apiStatusCode(err) === 404) return false;
    throw err;
  }
}
