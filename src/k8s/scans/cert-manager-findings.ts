import { assessValidity } from './certificates.js';
import type { Finding } from './finding.js';
import type { CertContext } from './tls-secret-findings.js';

/** The parts of a cert-manager `Certificate` the scan reads (raw JSON from CustomObjectsApi). */
export interface CertManagerCertificate {
  metadata?: { name?: string; namespace?: string };
  spec?: { secretName?: string };
  status?: {
    notBefore?: string;
    notAfter?: string;
    renewalTime?: string;
    failedIssuanceAttempts?: number;
    lastFailureTime?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  };
}

const MAX_MESSAGE = 160;

/**
 * Findings for one cert-manager Certificate: Ready=False, failed issuance, overdue renewal and
 * expiry. Expiry is skipped when its Secret's leaf was already reported, to avoid saying it twice.
 */
export function findingsForCertManagerCertificate(
  cert: CertManagerCertificate,
  ctx: CertContext,
  reportedSecrets: ReadonlySet<string>,
): Finding[] {
  const namespace = cert.metadata?.namespace ?? '';
  const name = cert.metadata?.name ?? '';
  const base = { cluster: ctx.cluster, namespace, object: `certificate/${name}` };
  const keyPrefix = `cert/certificate/${namespace}/${name}`;
  const status = cert.status ?? {};
  const findings: Finding[] = [];

  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False') {
    const why = [ready.reason, clip(ready.message)].filter(Boolean).join(': ');
    findings.push({ ...base, key: `${keyPrefix}/ready`, severity: 'critical', summary: `not Ready${why ? ` (${why})` : ''}` });
  }
  const failures = status.failedIssuanceAttempts ?? 0;
  if (failures > 0) {
    const since = status.lastFailureTime ? `, last at ${status.lastFailureTime}` : '';
    findings.push({ ...base, key: `${keyPrefix}/issuance`, severity: 'warn', summary: `issuance failed ${failures} time(s)${since}` });
  }
  const notAfter = date(status.notAfter);
  const renewal = date(status.renewalTime);
  if (renewal && notAfter && renewal.getTime() < ctx.now.getTime() && notAfter.getTime() > ctx.now.getTime()) {
    findings.push({ ...base, key: `${keyPrefix}/renewal`, severity: 'warn', summary: `renewal overdue since ${status.renewalTime}` });
  }
  const secretKey = `${namespace}/${cert.spec?.secretName ?? ''}`;
  if (notAfter && !reportedSecrets.has(secretKey)) {
    const notBefore = date(status.notBefore);
    const verdict = assessValidity(notBefore ? { notBefore, notAfter } : { notAfter }, ctx.now, ctx.thresholds);
    if (verdict.severity) findings.push({ ...base, key: `${keyPrefix}/expiry`, severity: verdict.severity, summary: verdict.text });
  }
  return findings;
}

function date(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function clip(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}
