import type { V1Secret } from '@kubernetes/client-node';
import { assessValidity, parsePemChain, type CertificateInfo, type ParsedChain } from './certificates.js';
import type { CertThresholds, Finding } from './finding.js';

export interface CertContext {
  cluster: string;
  now: Date;
  thresholds: CertThresholds;
}

/**
 * Bundles are often shared (one CA chain in hundreds of Secrets): parse each distinct tls.crt
 * once per scan, with a bound so unique bundles cannot grow it without limit.
 */
export class ChainCache {
  private readonly chains = new Map<string, ParsedChain>();
  constructor(private readonly maxEntries = 512) {}

  parse(base64: string): ParsedChain {
    const hit = this.chains.get(base64);
    if (hit) return hit;
    const parsed = parsePemChain(Buffer.from(base64, 'base64').toString('utf8'));
    if (this.chains.size >= this.maxEntries) this.chains.clear();
    this.chains.set(base64, parsed);
    return parsed;
  }
}

/** Findings for one `kubernetes.io/tls` Secret: every certificate of the chain, and malformed PEM. */
export function findingsForTlsSecret(secret: V1Secret, ctx: CertContext, cache: ChainCache): Finding[] {
  const namespace = secret.metadata?.namespace ?? '';
  const name = secret.metadata?.name ?? '';
  const base = { cluster: ctx.cluster, namespace, object: `secret/${name}` };
  const keyPrefix = `cert/secret/${namespace}/${name}`;
  const crt = secret.data?.['tls.crt'];
  if (!crt) return [{ ...base, key: `${keyPrefix}/pem`, severity: 'warn', summary: 'tls.crt is missing or empty' }];

  const chain = cache.parse(crt);
  const findings: Finding[] = chain.problems.map((problem, i) => ({
    ...base,
    key: i === 0 ? `${keyPrefix}/pem` : `${keyPrefix}/pem-${i}`,
    severity: 'warn' as const,
    summary: `malformed certificate data: ${problem}`,
  }));
  const leaf = chain.certificates.find((c) => c.role === 'leaf');
  for (const cert of chain.certificates) {
    const verdict = assessValidity(cert, ctx.now, ctx.thresholds);
    if (!verdict.severity) continue;
    findings.push({
      ...base,
      key: `${keyPrefix}/${cert.index}`,
      severity: verdict.severity,
      summary: `${label(cert)} ${verdict.text}${expiresBeforeLeaf(cert, leaf) ? ', before the leaf it signs for' : ''}`,
    });
  }
  return findings;
}

/** `leaf CN=api.example.com (ec prime256v1)`, `intermediate #2 CN=Issuing CA (rsa 2048)`. */
export function label(cert: CertificateInfo): string {
  const which = cert.role === 'leaf' ? 'leaf' : `${cert.role} #${cert.index + 1}`;
  return `${which} ${cert.subject} (${cert.key})`;
}

function expiresBeforeLeaf(cert: CertificateInfo, leaf: CertificateInfo | undefined): boolean {
  return cert.role !== 'leaf' && leaf !== undefined && cert.notAfter.getTime() < leaf.notAfter.getTime();
}
