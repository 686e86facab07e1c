import { X509Certificate } from 'node:crypto';
import type { CertThresholds, Severity } from './finding.js';

export type ChainRole = 'leaf' | 'intermediate' | 'root';

/** What a scan needs from one certificate of a chain. */
export interface CertificateInfo {
  /** Position in the PEM bundle; 0 is the leaf. */
  index: number;
  role: ChainRole;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** e.g. `rsa 2048` or `ec prime256v1`. */
  key: string;
}

export interface ParsedChain {
  certificates: CertificateInfo[];
  /** Blocks that could not be parsed, or an empty bundle: reported as findings, never thrown. */
  problems: string[];
}

export interface CertificateAssessment {
  severity: Severity | null;
  /** Whole days until notAfter (negative once expired), from the certificate itself. */
  daysLeft: number;
  text: string;
}

const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Node 20 only offers the OpenSSL text form (`Dec  1 10:21:28 2026 GMT`); validToDate is Node 22.10+.
const OPENSSL_DATE = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/;
const DAY_MS = 86_400_000;

/**
 * Parses every certificate of a PEM bundle. X509Certificate reads only the first block of a
 * string, so blocks are split first; a block that fails to parse becomes a problem.
 */
export function parsePemChain(pem: string): ParsedChain {
  const certificates: CertificateInfo[] = [];
  const problems: string[] = [];
  const blocks = [...pem.matchAll(BLOCK)].map((m) => m[0]);
  if (blocks.length === 0) problems.push('no PEM certificate found in tls.crt');
  blocks.forEach((block, index) => {
    try {
      certificates.push(describe(new X509Certificate(block), index));
    } catch {
      problems.push(`certificate #${index + 1} in tls.crt is not a valid X.509 certificate`);
    }
  });
  return { certificates, problems };
}

/** Parses the OpenSSL date text Node prints; throws on anything else rather than guessing. */
export function parseOpenSslDate(text: string): Date {
  const m = OPENSSL_DATE.exec(text);
  const month = m ? MONTHS.indexOf(m[1] ?? '') : -1;
  if (!m || month < 0) throw new Error(`unexpected certificate date ${JSON.stringify(text)}`);
  const [, , day, hh, mm, ss, year] = m;
  return new Date(Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)));
}

/** Days left and severity of one certificate at `now`. */
export function assessValidity(
  validity: { notBefore?: Date; notAfter: Date },
  now: Date,
  thresholds: CertThresholds,
): CertificateAssessment {
  const daysLeft = Math.floor((validity.notAfter.getTime() - now.getTime()) / DAY_MS);
  const until = validity.notAfter.toISOString().slice(0, 10);
  if (validity.notAfter.getTime() <= now.getTime()) {
    const daysAgo = Math.floor((now.getTime() - validity.notAfter.getTime()) / DAY_MS);
    return { severity: 'critical', daysLeft, text: `expired ${plural(daysAgo)} ago (${until})` };
  }
  if (validity.notBefore && validity.notBefore.getTime() > now.getTime()) {
    const from = validity.notBefore.toISOString().slice(0, 10);
    return { severity: 'warn', daysLeft, text: `not valid before ${from}` };
  }
  const text = `expires in ${plural(daysLeft)} (${until})`;
  if (daysLeft <= thresholds.criticalDays) return { severity: 'critical', daysLeft, text };
  if (daysLeft <= thresholds.warnDays) return { severity: 'warn', daysLeft, text };
  return { severity: null, daysLeft, text };
}

function describe(cert: X509Certificate, index: number): CertificateInfo {
  const selfSigned = cert.subject === cert.issuer;
  return {
    index,
    role: index === 0 ? 'leaf' : selfSigned ? 'root' : 'intermediate',
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: parseOpenSslDate(cert.validFrom),
    notAfter: parseOpenSslDate(cert.validTo),
    key: keyDescription(cert),
  };
}

function keyDescription(cert: X509Certificate): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  const size = details?.namedCurve ?? (details?.modulusLength === undefined ? '' : String(details.modulusLength));
  return `${key.asymmetricKeyType ?? 'unknown'}${size ? ` ${size}` : ''}`;
}

// Node separates RDNs with newlines; one line reads better in Slack.
function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

function plural(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
