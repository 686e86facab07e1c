import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateExpiringIn, generateKey, tlsSecretData, type KeyPair } from '../../../../devkit/certs/generate.js';
import { apiServerFindings, fetchServingChain } from '../../../../src/k8s/scans/api-server-cert.js';
import { findingsForCertManagerCertificate } from '../../../../src/k8s/scans/cert-manager-findings.js';
import { assessValidity, parseOpenSslDate, parsePemChain } from '../../../../src/k8s/scans/certificates.js';
import { ChainCache, findingsForTlsSecret, type CertContext } from '../../../../src/k8s/scans/tls-secret-findings.js';

const now = new Date('2026-06-01T12:00:00Z');
const ctx: CertContext = { cluster: 'prod-eu', now, thresholds: { warnDays: 21, criticalDays: 7 } };
let rsa: KeyPair;
let ec: KeyPair;

beforeAll(() => {
  rsa = generateKey('rsa');
  ec = generateKey('ec');
});

const secret = (name: string, data: Record<string, string> | undefined) => ({
  type: 'kubernetes.io/tls',
  metadata: { name, namespace: 'shop' },
  ...(data ? { data } : {}),
});

describe('parsePemChain', () => {
  it('parses every block of a bundle and identifies the leaf, intermediate and root, RSA and EC', () => {
    const root = certificateExpiringIn(3650, { commonName: 'Root CA', ca: true, key: rsa, now });
    const inter = certificateExpiringIn(900, { commonName: 'Issuing CA', ca: true, key: ec, issuer: root, now });
    const leaf = certificateExpiringIn(400, { commonName: 'api.example.com', key: ec, issuer: inter, now });
    const chain = parsePemChain(leaf.certPem + inter.certPem + root.certPem);
    expect(chain.problems).toEqual([]);
    expect(chain.certificates.map((c) => [c.role, c.subject, c.issuer, c.key])).toEqual([
      ['leaf', 'CN=api.example.com', 'CN=Issuing CA', 'ec prime256v1'],
      ['intermediate', 'CN=Issuing CA', 'CN=Root CA', 'ec prime256v1'],
      ['root', 'CN=Root CA', 'CN=Root CA', 'rsa 2048'],
    ]);
    expect(chain.certificates[0]?.notAfter.getTime()).toBe(Math.floor((now.getTime() + 400 * 86_400_000) / 1000) * 1000);
  });

  it('turns garbage into problems, never exceptions', () => {
    expect(parsePemChain('hello').problems).toEqual(['no PEM certificate found in tls.crt']);
    const good = certificateExpiringIn(30, { commonName: 'ok', key: ec, now });
    const garbage = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    const chain = parsePemChain(good.certPem + garbage);
    expect(chain.certificates).toHaveLength(1);
    expect(chain.problems).toEqual(['certificate #2 in tls.crt is not a valid X.509 certificate']);
  });

  it('reads the OpenSSL date text of Node 20', () => {
    expect(parseOpenSslDate('Dec  1 10:21:28 2026 GMT').toISOString()).toBe('2026-12-01T10:21:28.000Z');
    expect(() => parseOpenSslDate('2026-12-01')).toThrow();
  });
});

describe('assessValidity thresholds', () => {
  it.each([
    [-2, 'critical', 'expired 2 days ago'],
    [3, 'critical', 'expires in 3 days'],
    [7, 'critical', 'expires in 7 days'],
    [20, 'warn', 'expires in 20 days'],
    [21, 'warn', 'expires in 21 days'],
    [400, null, 'expires in 400 days'],
  ])('%i days → %s', (days, severity, text) => {
    const cert = parsePemChain(certificateExpiringIn(days, { commonName: 'x', key: ec, now }).certPem).certificates[0];
    if (!cert) throw new Error('no certificate');
    const verdict = assessValidity(cert, now, ctx.thresholds);
    expect(verdict.severity).toBe(severity);
    expect(verdict.text).toContain(text);
  });

  it('flags a not-yet-valid certificate', () => {
    const verdict = assessValidity({ notBefore: new Date('2026-07-01T00:00:00Z'), notAfter: new Date('2027-07-01T00:00:00Z') }, now, ctx.thresholds);
    expect(verdict).toMatchObject({ severity: 'warn', text: 'not valid before 2026-07-01' });
  });
});

describe('findingsForTlsSecret', () => {
  it('reports an intermediate that expires before its leaf, keyed by position', () => {
    const root = certificateExpiringIn(3650, { commonName: 'Root CA', ca: true, key: rsa, now });
    const inter = certificateExpiringIn(5, { commonName: 'Issuing CA', ca: true, key: ec, issuer: root, now });
    const leaf = certificateExpiringIn(400, { commonName: 'api.example.com', key: rsa, issuer: inter, now });
    const findings = findingsForTlsSecret(secret('api-tls', tlsSecretData(leaf, [inter])), ctx, new ChainCache());
    expect(findings).toEqual([
      {
        key: 'cert/secret/shop/api-tls/1',
        severity: 'critical',
        cluster: 'prod-eu',
        namespace: 'shop',
        object: 'secret/api-tls',
        summary: expect.stringMatching(/^intermediate #2 CN=Issuing CA \(ec prime256v1\) expires in 5 days \(.*\), before the leaf it signs for$/),
      },
    ]);
  });

  it('reports the expired leaf, a warn leaf, nothing for a healthy one, and malformed PEM', () => {
    const make = (days: number) => tlsSecretData(certificateExpiringIn(days, { commonName: `d${days}`, key: ec, now }));
    const cache = new ChainCache();
    expect(findingsForTlsSecret(secret('expired', make(-1)), ctx, cache).map((f) => [f.key, f.severity])).toEqual([
      ['cert/secret/shop/expired/0', 'critical'],
    ]);
    expect(findingsForTlsSecret(secret('soon', make(20)), ctx, cache).map((f) => f.severity)).toEqual(['warn']);
    expect(findingsForTlsSecret(secret('fine', make(400)), ctx, cache)).toEqual([]);
    const garbage = { 'tls.crt': Buffer.from('garbage').toString('base64') };
    expect(findingsForTlsSecret(secret('bad', garbage), ctx, cache)).toMatchObject([
      { key: 'cert/secret/shop/bad/pem', severity: 'warn', summary: 'malformed certificate data: no PEM certificate found in tls.crt' },
    ]);
    expect(findingsForTlsSecret(secret('empty', undefined), ctx, cache)).toMatchObject([{ key: 'cert/secret/shop/empty/pem' }]);
  });
});

describe('findingsForCertManagerCertificate', () => {
  it('reports Ready=False, failed issuance, overdue renewal and expiry', () => {
    const findings = findingsForCertManagerCertificate(
      {
        metadata: { name: 'api', namespace: 'shop' },
        spec: { secretName: 'api-tls' },
        status: {
          notAfter: '2026-06-04T12:00:00Z',
          renewalTime: '2026-05-05T12:00:00Z',
          failedIssuanceAttempts: 3,
          conditions: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'ACME order\nfailed' }],
        },
      },
      ctx,
      new Set(),
    );
    expect(findings.map((f) => [f.key, f.severity, f.summary])).toEqual([
      ['cert/certificate/shop/api/ready', 'critical', 'not Ready (Failed: ACME order failed)'],
      ['cert/certificate/shop/api/issuance', 'warn', 'issuance failed 3 time(s)'],
      ['cert/certificate/shop/api/renewal', 'warn', 'renewal overdue since 2026-05-05T12:00:00Z'],
      ['cert/certificate/shop/api/expiry', 'critical', 'expires in 3 days (2026-06-04)'],
    ]);
  });

  it('does not repeat an expiry already reported for its Secret, and is quiet when healthy', () => {
    const cert = { metadata: { name: 'api', namespace: 'shop' }, spec: { secretName: 'api-tls' }, status: { notAfter: '2026-06-04T12:00:00Z' } };
    expect(findingsForCertManagerCertificate(cert, ctx, new Set(['shop/api-tls']))).toEqual([]);
    const healthy = { ...cert, status: { notAfter: '2027-06-04T12:00:00Z', conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(findingsForCertManagerCertificate(healthy, ctx, new Set())).toEqual([]);
  });
});

describe('API server serving certificate', () => {
  let server: Server;
  let url: URL;

  beforeAll(async () => {
    const leaf = certificateExpiringIn(3, { commonName: 'kube-apiserver', key: ec, now: new Date() });
    server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the chain from the handshake', async () => {
    const chain = await fetchServingChain(url);
    expect(chain.tls && chain.certificates.map((c) => c.subject)).toEqual(['CN=kube-apiserver']);
    const result = await apiServerFindings(url, { ...ctx, now: new Date() });
    expect(result.findings).toMatchObject([{ key: 'cert/apiserver/0', severity: 'critical', namespace: '', object: 'apiserver' }]);
  });

  it('says "not TLS" for a plain HTTP endpoint, and reports an unreachable one', async () => {
    expect(await fetchServingChain(new URL('http://127.0.0.1:1'))).toEqual({ tls: false, reason: 'http endpoint, not TLS' });
    const plain = await apiServerFindings(new URL('http://127.0.0.1:1'), ctx);
    expect(plain).toEqual({ findings: [], note: 'API server http://127.0.0.1:1: http endpoint, not TLS; serving certificate not checked' });
    const closed = await apiServerFindings(new URL('https://127.0.0.1:1'), ctx);
    expect(closed.findings).toMatchObject([{ key: 'cert/apiserver/handshake', severity: 'warn', summary: expect.stringContaining('ECONNREFUSED') }]);
  });
});
