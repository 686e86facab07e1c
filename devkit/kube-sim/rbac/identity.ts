import type { IncomingMessage } from 'node:http';

/** Who a request is from, after impersonation. */
export interface UserInfo {
  username: string;
  groups: string[];
  /** Set when Impersonate-* headers were honoured: the caller behind the impersonated user. */
  impersonatedBy?: UserInfo;
}

/** The kubeconfig's user: every bearer token kube-sim hands out authenticates as this user. */
export const ADMIN_USER: UserInfo = { username: 'kube-sim-admin', groups: ['kube-sim:cluster-admins', 'system:authenticated'] };
export const ADMIN_GROUP = 'kube-sim:cluster-admins';

function headerValues(req: IncomingMessage, name: string): string[] {
  const raw = req.headersDistinct[name] ?? [];
  return raw.map((v) => v.trim()).filter((v) => v.length > 0);
}

/**
 * The user a request acts as. `Impersonate-User` (with any `Impersonate-Group`s) replaces the
 * authenticated user, as kubectl's `--as` / `--as-group` send; the impersonated user is always in
 * `system:authenticated`, as the real apiserver adds it.
 */
export function requestUser(req: IncomingMessage): UserInfo {
  const as = headerValues(req, 'impersonate-user')[0];
  const groups = headerValues(req, 'impersonate-group');
  if (as === undefined) {
    if (groups.length > 0) return { ...ADMIN_USER, groups: [...groups, 'system:authenticated'], impersonatedBy: ADMIN_USER };
    return ADMIN_USER;
  }
  const all = groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'];
  return { username: as, groups: all, impersonatedBy: ADMIN_USER };
}
