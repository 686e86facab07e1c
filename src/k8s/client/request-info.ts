/** What an API request does, in the RBAC vocabulary metrics and error messages use. */
export interface RequestInfo {
  verb: string;
  /** Plural resource, with `/subresource` when there is one (e.g. `pods/eviction`). */
  resource: string;
  namespace?: string;
  name?: string;
}

/**
 * Derives verb and resource from a REST path the way the apiserver's RequestInfoFactory does,
 * so every call (typed client, raw request or watch) is counted with the same labels.
 */
export function requestInfo(method: string, url: string): RequestInfo {
  const parsed = new URL(url, 'http://placeholder');
  const parts = parsed.pathname.split('/').filter((p) => p !== '');
  // /api/v1/... or /apis/<group>/<version>/...
  let rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : parts;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural = 'unknown', name, sub] = rest;
  const resource = sub ? `${plural}/${sub}` : plural;
  const verb = verbOf(method.toUpperCase(), name !== undefined, parsed.searchParams.get('watch') === 'true');
  const info: RequestInfo = { verb, resource };
  if (namespace !== undefined) info.namespace = namespace;
  if (name !== undefined) info.name = name;
  return info;
}

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
