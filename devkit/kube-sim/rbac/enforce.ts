import type { IncomingMessage } from 'node:http';
import type { ClusterApi } from '../api.js';
import type { ResourceRoute } from '../context.js';
import { StatusError } from '../status.js';
import type { Attributes } from './authorizer.js';
import { authorize } from './authorizer.js';
import type { UserInfo } from './identity.js';

/** The RBAC verb of an HTTP request on a resource URL, as the apiserver's request-info resolver names it. */
export function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): string {
  const watch = query.get('watch');
  switch (method) {
    case 'GET':
      if (route.name) return 'get';
      return watch === 'true' || watch === '1' ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function forbidden(user: UserInfo, a: Attributes): StatusError {
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  const subject = `${a.apiGroup ? `${a.resource ?? ''}.${a.apiGroup}` : (a.resource ?? '')}${a.name ? ` "${a.name}"` : ''}`;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return new StatusError(403, 'Forbidden', `${subject} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" ${scope}`, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    kind: a.resource ?? '',
  });
}

/**
 * Authorize a resource request of an impersonated user against the stored RBAC objects. The
 * kubeconfig's own user is cluster-admin, so its requests skip the check (and its cost).
 */
export function enforceRbac(api: ClusterApi, req: IncomingMessage, user: UserInfo, route: ResourceRoute, query: URLSearchParams): void {
  if (!user.impersonatedBy) return;
  const a: Attributes = {
    verb: verbOf(req.method ?? 'GET', route, query),
    apiGroup: route.type.group,
    resource: route.type.plural,
    ...(route.sub ? { subresource: route.sub } : {}),
    ...(route.name ? { name: route.name } : {}),
    ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
  };
  if (!authorize(api, user, a).allowed) throw forbidden(user, a);
}
