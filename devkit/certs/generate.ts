import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, integer, nullValue, octetString, oid, sequence, set, time, utf8String } from './der.js';

export type KeyKind = 'rsa' | 'ec';

export interface KeyPair {
  kind: KeyKind;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  key: KeyPair;
  subject: string;
}

export interface CertificateOptions {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** Defaults to a fresh EC P-256 key. Reuse keys to keep tests fast (RSA generation is slow). */
  key?: KeyPair;
  /** Signs with this certificate's key; self-signed when absent. */
  issuer?: IssuedCertificate;
  /** Marks the certificate as a CA (basicConstraints). */
  ca?: boolean;
}

const DAY_MS = 86_400_000;

/** A fresh key pair: RSA 2048 or EC P-256. */
export function generateKey(kind: KeyKind): KeyPair {
  const pair =
    kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { kind, ...pair };
}

/** A certificate with exactly the given validity, for expiry tests, the demo seed and the bench. */
export function issueCertificate(options: CertificateOptions): IssuedCertificate {
  const key = options.key ?? generateKey('ec');
  const signer = options.issuer?.key ?? key;
  const algorithm = signatureAlgorithm(signer.kind);
  const spki = key.publicKey.export({ type: 'spki', format: 'der' });
  const extensions = explicit(
    3,
    sequence(sequence(oid('2.5.29.19'), boolean(true), octetString(sequence(...(options.ca ? [boolean(true)] : []))))),
  );
  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(BigInt(`0x${randomBytes(12).toString('hex')}`) + 1n),
    algorithm,
    name(options.issuer?.subject ?? options.commonName),
    sequence(time(options.notBefore), time(options.notAfter)),
    name(options.commonName),
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, signer.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  return {
    certPem: toPem(der),
    keyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    key,
    subject: options.commonName,
  };
}

/** A certificate that expires `days` from `now` (negative: already expired), valid since a day before the earlier of the two. */
export function certificateExpiringIn(days: number, options: Omit<CertificateOptions, 'notBefore' | 'notAfter'> & { now?: Date }): IssuedCertificate {
  const now = options.now?.getTime() ?? Date.now();
  const notAfter = now + days * DAY_MS;
  return issueCertificate({ ...options, notBefore: new Date(Math.min(now, notAfter) - DAY_MS), notAfter: new Date(notAfter) });
}

/** The `data` of a `kubernetes.io/tls` Secret for a leaf and its chain (leaf first, as Kubernetes expects). */
export function tlsSecretData(leaf: IssuedCertificate, chain: IssuedCertificate[] = []): Record<string, string> {
  const crt = [leaf, ...chain].map((c) => c.certPem).join('');
  return {
    'tls.crt': Buffer.from(crt).toString('base64'),
    'tls.key': Buffer.from(leaf.keyPem).toString('base64'),
  };
}

function signatureAlgorithm(kind: KeyKind): Buffer {
  return kind === 'rsa' ? sequence(oid('1.2.840.113549.1.1.11'), nullValue()) : sequence(oid('1.2.840.10045.4.3.2'));
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
