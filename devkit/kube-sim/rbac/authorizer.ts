import type { ClusterApi } from '../api.js';
import type { KubeObject } from '../types.js';
import type { UserInfo } from './identity.js';

/** What is being asked: a resource request (verb on group/resource[/subresource]) or a non-resource URL. */
export interface Attributes {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  path?: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface RoleRef {
  kind: string;
  name: string;
}

// A type alias (not an interface) so a decision is usable as a plain status object.
export type Decision = { allowed: boolean; reason?: string };

const RBAC = 'rbac.authorization.k8s.io/v1';

const has = (list: string[] | undefined, value: string): boolean => (list ?? []).some((v) => v === '*' || v === value);

/** kube's ResourceMatches: `*`, `resource/sub`, or `*\/sub`; there is no `resource/*`. */
function resourceMatches(rule: PolicyRule, resource: string, sub: string | undefined): boolean {
  const combined = sub ? `${resource}/${sub}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (sub !== undefined && r === `*/${sub}`));
}

function nonResourceMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) return nonResourceMatches(rule, a.path);
  if (!has(rule.apiGroups, a.apiGroup ?? '') || !resourceMatches(rule, a.resource ?? '', a.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (a.name !== undefined && names.includes(a.name));
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.username === `system:serviceaccount:${s.namespace ?? bindingNamespace ?? ''}:${s.name}`;
  return false;
}

/** One binding that applies to a user, with the rules of the role it points at. */
export interface Grant {
  binding: KubeObject;
  role: RoleRef;
  subject: Subject;
  rules: PolicyRule[];
  /** Namespace the rules are limited to (RoleBindings); undefined for ClusterRoleBindings. */
  namespace?: string;
}

function rulesOf(api: ClusterApi, ref: RoleRef, namespace: string | undefined): PolicyRule[] {
  const type = api.registry.byKind(RBAC, ref.kind);
  if (!type) return [];
  const role = api.store.get(type, ref.kind === 'Role' ? namespace : undefined, ref.name);
  return Array.isArray(role?.rules) ? (role.rules as PolicyRule[]) : [];
}

/** Every ClusterRoleBinding, plus the RoleBindings of `namespace`, that names this user or a group of theirs. */
export function grantsFor(api: ClusterApi, user: UserInfo, namespace: string | undefined): Grant[] {
  const out: Grant[] = [];
  const collect = (kind: string, ns: string | undefined): void => {
    const type = api.registry.byKind(RBAC, kind);
    if (!type) return;
    for (const binding of api.store.list(type, ns)) {
      const subjects = (Array.isArray(binding.subjects) ? binding.subjects : []) as Subject[];
      const subject = subjects.find((s) => subjectMatches(s, user, binding.metadata.namespace));
      const role = binding.roleRef as RoleRef | undefined;
      if (!subject || !role) continue;
      out.push({ binding, role, subject, rules: rulesOf(api, role, binding.metadata.namespace), ...(ns ? { namespace: ns } : {}) });
    }
  };
  collect('ClusterRoleBinding', undefined);
  if (namespace) collect('RoleBinding', namespace);
  return out;
}

/** The RBAC authorizer: allowed when some rule of some applicable binding covers the request. */
export function authorize(api: ClusterApi, user: UserInfo, a: Attributes): Decision {
  for (const grant of grantsFor(api, user, a.namespace)) {
    if (!grant.rules.some((r) => ruleAllows(r, a))) continue;
    const binding = grant.namespace ? `RoleBinding "${grant.binding.metadata.name}/${grant.namespace}"` : `ClusterRoleBinding "${grant.binding.metadata.name}"`;
    return { allowed: true, reason: `RBAC: allowed by ${binding} of ${grant.role.kind} "${grant.role.name}" to ${grant.subject.kind} "${grant.subject.name}"` };
  }
  return { allowed: false };
}
