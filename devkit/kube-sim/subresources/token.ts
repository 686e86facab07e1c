import { createHmac, randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { isDryRun } from '../call.js';
import { parseJsonBody, sendJson } from '../http-util.js';
import { badRequest, invalid, methodNotAllowed } from '../status.js';
import type { KubeObject, Obj } from '../types.js';
import { isObj } from '../types.js';

/** The issuer and default audience of a kubeadm cluster's service account tokens. */
export const TOKEN_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const DEFAULT_SECONDS = 3600;
const MIN_SECONDS = 600;

const b64url = (v: object | Buffer): string => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/**
 * The signing key of one ServiceAccount's tokens. Derived from the account's uid, so a token
 * stops verifying once its account is deleted (and recreated), as a bound token does; it is a
 * simulation key, not a secret.
 */
function signingKey(cluster: string, sa: KubeObject): string {
  return `kube-sim:${cluster}:${sa.metadata.uid ?? ''}`;
}

function sign(cluster: string, sa: KubeObject, headerAndPayload: string): string {
  return createHmac('sha256', signingKey(cluster, sa)).update(headerAndPayload).digest('base64url');
}

function expirationOf(spec: Obj, name: string): number {
  const asked = spec.expirationSeconds;
  if (asked === undefined || asked === null) return DEFAULT_SECONDS;
  if (typeof asked !== 'number' || !Number.isInteger(asked)) throw badRequest('spec.expirationSeconds must be an integer');
  if (asked < MIN_SECONDS) {
    throw invalid('TokenRequest', 'authentication.k8s.io', name, [{ field: 'spec.expirationSeconds', message: 'may not specify a duration less than 10 minutes' }]);
  }
  return asked;
}

/**
 * POST serviceaccounts/<name>/token (`kubectl create token`): a TokenRequest answered with a
 * JWT carrying the claims of a bound service account token (issuer, audiences, subject
 * `system:serviceaccount:<ns>:<name>`, the `kubernetes.io` claim). Signed with HMAC instead of
 * the apiserver's RSA key: only kube-sim verifies it (TokenReview).
 */
export function requestToken(call: Call): number {
  if (call.req.method !== 'POST') throw methodNotAllowed();
  const { api } = call.ctx;
  const { type, namespace = '', name = '' } = call.route;
  const sa = api.get(type, namespace, name);
  const body = call.body.trim() ? parseJsonBody(call.body) : {};
  const spec = isObj(body) && isObj(body.spec) ? body.spec : {};
  const seconds = expirationOf(spec, name);
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences.filter((a): a is string => typeof a === 'string') : [TOKEN_ISSUER];
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: audiences,
    exp: now + seconds,
    iat: now,
    iss: TOKEN_ISSUER,
    jti: randomUUID(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: sa.metadata.uid ?? '' } },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const unsigned = `${b64url({ alg: 'HS256', kid: `kube-sim-${call.ctx.name}`, typ: 'JWT' })}.${b64url(claims)}`;
  const token = isDryRun(call.query) ? '' : `${unsigned}.${sign(call.ctx.name, sa, unsigned)}`;
  sendJson(call.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: isObj(spec.boundObjectRef) ? spec.boundObjectRef : null },
    status: { token, expirationTimestamp: new Date((now + seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  });
  return 201;
}

export interface TokenSubject {
  namespace: string;
  name: string;
  audiences: string[];
}

/**
 * The service account a kube-sim token was issued for, when its signature checks against the
 * account as it exists now and it has not expired; undefined otherwise.
 */
export function verifyToken(cluster: string, token: string, findAccount: (namespace: string, name: string) => KubeObject | undefined): TokenSubject | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  let claims: Obj;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!isObj(parsed)) return undefined;
    claims = parsed;
  } catch {
    return undefined;
  }
  const k8s = isObj(claims['kubernetes.io']) ? claims['kubernetes.io'] : {};
  const account = isObj(k8s.serviceaccount) ? k8s.serviceaccount : {};
  if (typeof k8s.namespace !== 'string' || typeof account.name !== 'string') return undefined;
  const sa = findAccount(k8s.namespace, account.name);
  if (!sa || sa.metadata.uid !== account.uid) return undefined;
  if (sign(cluster, sa, `${header}.${payload}`) !== signature) return undefined;
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return undefined;
  const audiences = Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
  return { namespace: k8s.namespace, name: account.name, audiences };
}
