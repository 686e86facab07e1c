import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type DetailedPeerCertificate } from 'node:tls';
import { assessValidity, parsePemChain, type CertificateInfo } from './certificates.js';
import type { Finding } from './finding.js';
import { translateApiError } from '../client/api-errors.js';
import { label, type CertContext } from './tls-secret-findings.js';

export type ServingChain = { tls: true; certificates: CertificateInfo[] } | { tls: false; reason: string };

/**
 * The API server's serving chain as presented in a TLS handshake. Verification is off on purpose:
 * an expired or self-signed certificate is exactly what the scan wants to see, and no request is
 * sent over the connection.
 */
export async function fetchServingChain(server: URL, timeoutMs = 5_000): Promise<ServingChain> {
  if (server.protocol !== 'https:') return { tls: false, reason: `${server.protocol.replace(':', '')} endpoint, not TLS` };
  const host = server.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(server.port || 443);
  const peer = await new Promise<DetailedPeerCertificate>((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })));
    socket.once('secureConnect', () => {
      resolve(socket.getPeerCertificate(true));
      socket.end();
    });
    socket.once('error', reject);
  });
  return { tls: true, certificates: chainOf(peer) };
}

/** Findings for the API server's own certificate, or a note when it cannot be checked. */
export async function apiServerFindings(
  server: URL,
  ctx: CertContext,
  timeoutMs?: number,
): Promise<{ findings: Finding[]; note?: string }> {
  const base = { cluster: ctx.cluster, namespace: '', object: 'apiserver' };
  let chain: ServingChain;
  try {
    chain = await fetchServingChain(server, timeoutMs);
  } catch (err) {
    const summary = `serving certificate could not be checked: ${translateApiError(err, { verb: 'handshake with', resource: 'the API server' }).userMessage}`;
    return { findings: [{ ...base, key: 'cert/apiserver/handshake', severity: 'warn', summary }] };
  }
  if (!chain.tls) return { findings: [], note: `API server ${server.origin}: ${chain.reason}; serving certificate not checked` };
  const findings: Finding[] = [];
  for (const cert of chain.certificates) {
    const verdict = assessValidity(cert, ctx.now, ctx.thresholds);
    if (verdict.severity) {
      findings.push({ ...base, key: `cert/apiserver/${cert.index}`, severity: verdict.severity, summary: `${label(cert)} ${verdict.text}` });
    }
  }
  return { findings };
}

// Node links the chain through issuerCertificate; a self-signed root points at itself.
function chainOf(peer: DetailedPeerCertificate): CertificateInfo[] {
  const pems: string[] = [];
  const seen = new Set<string>();
  for (let c: DetailedPeerCertificate | undefined = peer; c?.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    pems.push(new X509Certificate(c.raw).toString());
  }
  return parsePemChain(pems.join('\n')).certificates;
}
