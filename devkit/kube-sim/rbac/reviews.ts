import type { Call } from '../call.js';
import { parseJsonBody, sendJson } from '../http-util.js';
import type { ResourceType } from '../resources.js';
import { badRequest, methodNotAllowed } from '../status.js';
import type { Obj } from '../types.js';
import { isObj } from '../types.js';
import type { Attributes, PolicyRule } from './authorizer.js';
import { authorize, grantsFor } from './authorizer.js';
import type { UserInfo } from './identity.js';
import { ADMIN_USER } from './identity.js';
import { verifyToken } from '../subresources/token.js';

const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

/** Whether a type is one of the create-only reviews kube-sim answers instead of storing. */
export function isReview(type: ResourceType): boolean {
  return REVIEW_GROUPS.has(type.group);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function attributesOf(spec: Obj, namespace: string | undefined): Attributes {
  if (isObj(spec.nonResourceAttributes)) {
    return { verb: str(spec.nonResourceAttributes.verb) ?? '', path: str(spec.nonResourceAttributes.path) ?? '' };
  }
  const r = isObj(spec.resourceAttributes) ? spec.resourceAttributes : {};
  const ns = namespace ?? str(r.namespace);
  const sub = str(r.subresource);
  const name = str(r.name);
  return { verb: str(r.verb) ?? '', apiGroup: str(r.group) ?? '', resource: str(r.resource) ?? '', ...(sub ? { subresource: sub } : {}), ...(name ? { name } : {}), ...(ns ? { namespace: ns } : {}) };
}

function subjectOf(spec: Obj): UserInfo {
  const groups = Array.isArray(spec.groups) ? spec.groups.filter((g): g is string => typeof g === 'string') : [];
  return { username: str(spec.user) ?? '', groups };
}

/** Every rule the user holds in a namespace, flattened as SelfSubjectRulesReview reports them. */
function rulesStatus(call: Call, user: UserInfo, namespace: string | undefined): Obj {
  const rules: PolicyRule[] = grantsFor(call.ctx.api, user, namespace).flatMap((g) => g.rules);
  const resourceRules = rules.filter((r) => !r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}) }));
  const nonResourceRules = rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs ?? [] }));
  return { resourceRules, nonResourceRules, incomplete: false };
}

/** A kubeconfig token is the admin user; a token from serviceaccounts/token is its ServiceAccount. */
function tokenReviewStatus(call: Call, token: string, body: Obj): Obj {
  if (token.startsWith('kube-sim-token-')) {
    return { authenticated: true, user: { username: ADMIN_USER.username, groups: ADMIN_USER.groups }, audiences: Array.isArray(body.audiences) ? body.audiences : [] };
  }
  const { api } = call.ctx;
  const saType = api.typeByKind('v1', 'ServiceAccount');
  const subject = verifyToken(call.ctx.name, token, (ns, name) => api.store.get(saType, ns, name));
  if (!subject) return { authenticated: false, error: 'invalid bearer token' };
  const groups = ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace}`, 'system:authenticated'];
  return { authenticated: true, user: { username: `system:serviceaccount:${subject.namespace}:${subject.name}`, groups }, audiences: subject.audiences };
}

function reviewStatus(call: Call, kind: string, spec: Obj, user: UserInfo, body: Obj): Obj {
  const ns = call.route.namespace;
  switch (kind) {
    case 'SelfSubjectAccessReview':
      return authorize(call.ctx.api, user, attributesOf(spec, undefined));
    case 'SubjectAccessReview':
      return authorize(call.ctx.api, subjectOf(spec), attributesOf(spec, undefined));
    case 'LocalSubjectAccessReview': {
      const r = isObj(spec.resourceAttributes) ? spec.resourceAttributes : {};
      if (str(r.namespace) && r.namespace !== ns) throw badRequest(`spec.resourceAttributes.namespace must match metadata.namespace: ${String(r.namespace)} != ${ns ?? ''}`);
      return authorize(call.ctx.api, subjectOf(spec), attributesOf(spec, ns));
    }
    case 'SelfSubjectRulesReview':
      return rulesStatus(call, user, str(spec.namespace));
    case 'SelfSubjectReview':
      return { userInfo: { username: user.username, groups: user.groups } };
    case 'TokenReview':
      return tokenReviewStatus(call, str(spec.token) ?? '', body);
    default:
      throw methodNotAllowed();
  }
}

/** Answer a POST of an authorization/authentication review from the stored RBAC objects; nothing is stored. */
export function serveReview(call: Call, user: UserInfo): number {
  if (call.req.method !== 'POST' || call.route.name) throw methodNotAllowed();
  const body = parseJsonBody(call.body);
  if (!isObj(body)) throw badRequest('request body must be a JSON object');
  const spec = isObj(body.spec) ? body.spec : {};
  const status = reviewStatus(call, call.route.type.kind, spec, user, body);
  const metadata = { ...(isObj(body.metadata) ? body.metadata : {}), creationTimestamp: null, ...(call.route.namespace ? { namespace: call.route.namespace } : {}) };
  const apiVersion = `${call.route.type.group}/${call.route.version}`;
  sendJson(call.res, 201, { kind: call.route.type.kind, apiVersion, metadata, spec, status });
  return 201;
}
