import { certificateExpiringIn, generateKey, tlsSecretData, type IssuedCertificate, type KeyPair } from './generate.js';

/** Anything that can create objects: a kube-sim cluster fits structurally. */
export interface ObjectSink {
  create(obj: object): Promise<unknown>;
}

export function tlsSecret(namespace: string, name: string, data: Record<string, string>): object {
  return { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name, namespace }, data };
}

/**
 * The demo's certificate world in a `shop` namespace: one expired, one critical, one warning, a
 * chain whose intermediate expires before its leaf, a healthy one, a broken PEM, and (when the
 * cert-manager CRD is seeded) a Certificate whose issuance keeps failing. kube-sim's
 * seedDemoTls hook can delegate here.
 */
export async function seedDemoTlsSecrets(cluster: ObjectSink, options: { namespace?: string; now?: Date; certManager?: boolean } = {}): Promise<void> {
  const namespace = options.namespace ?? 'shop';
  const now = options.now ?? new Date();
  const key = generateKey('ec');
  const root = certificateExpiringIn(3650, { commonName: 'Shop Root CA', ca: true, key, now });
  const inter = certificateExpiringIn(12, { commonName: 'Shop Issuing CA', ca: true, key, issuer: root, now });
  const leaf = (cn: string, days: number, issuer?: IssuedCertificate) =>
    certificateExpiringIn(days, { commonName: cn, key, now, ...(issuer ? { issuer } : {}) });
  const secrets: [string, Record<string, string>][] = [
    ['api-tls', tlsSecretData(leaf('api.shop.example.com', 5, inter), [inter])],
    ['www-tls', tlsSecretData(leaf('www.shop.example.com', 18))],
    ['legacy-tls', tlsSecretData(leaf('legacy.shop.example.com', -4))],
    ['internal-tls', tlsSecretData(leaf('internal.shop.example.com', 200, inter), [inter, root])],
    ['healthy-tls', tlsSecretData(leaf('healthy.shop.example.com', 300))],
    ['broken-tls', { 'tls.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n').toString('base64'), 'tls.key': '' }],
  ];
  for (const [name, data] of secrets) await cluster.create(tlsSecret(namespace, name, data));
  if (options.certManager) await cluster.create(failingCertificate(namespace));
}

function failingCertificate(namespace: string): object {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'payments', namespace },
    spec: { secretName: 'payments-tls', dnsNames: ['payments.shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    status: {
      failedIssuanceAttempts: 2,
      lastFailureTime: '2026-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' }],
    },
  };
}

/** A handful of PEM bundles (one generated key) to spread over many Secrets in the bench. */
export function benchBundles(now = new Date(), key: KeyPair = generateKey('ec')): Record<string, string>[] {
  const ca = certificateExpiringIn(3650, { commonName: 'Bench CA', ca: true, key, now });
  return [400, 200, 90, 20, 3, -1].map((days, i) =>
    tlsSecretData(certificateExpiringIn(days, { commonName: `svc-${i}.bench.example.com`, key, issuer: ca, now }), [ca]),
  );
}
