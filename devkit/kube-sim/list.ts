import type { ClusterApi } from './api.js';
import type { ResourceType } from './resources.js';
import { checkFieldLabels } from './field-labels.js';
import { matchesFilter, parseFilter } from './selectors.js';
import { badRequest } from './status.js';
import type { KubeObject, Obj } from './types.js';

interface ContinueToken {
  rv: string;
  start: string;
}

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.rv !== 'string' || typeof parsed.start !== 'string') throw new Error('bad token');
    return parsed;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** LIST with selectors and limit/continue pagination (the token is opaque to clients). */
export function listObjects(api: ClusterApi, type: ResourceType, namespace: string | undefined, query: URLSearchParams): { items: KubeObject[]; metadata: Obj } {
  const filter = parseFilter(query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
  checkFieldLabels(type, filter);
  let items = api.store.list(type, namespace).filter((o) => matchesFilter(filter, o));
  let rv = api.store.resourceVersion;
  const cont = query.get('continue');
  if (cont) {
    const token = decodeToken(cont);
    rv = token.rv;
    items = items.filter((o) => keyOf(o) >= token.start);
  }
  const limit = Number(query.get('limit') ?? '0');
  const metadata: Obj = { resourceVersion: rv };
  if (limit > 0 && items.length > limit) {
    const next = items[limit];
    metadata.continue = encodeToken({ rv, start: next ? keyOf(next) : '' });
    metadata.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  return { items, metadata };
}
