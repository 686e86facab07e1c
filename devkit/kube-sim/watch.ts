import type { Call } from './call.js';
import type { ObjectFilter } from './selectors.js';
import { checkFieldLabels } from './field-labels.js';
import { matchesFilter, parseFilter } from './selectors.js';
import type { StoreEvent } from './store.js';
import { parseIncludeObject, toTable, wantsTable } from './table.js';
import type { KubeObject } from './types.js';

type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

const DEFAULT_TIMEOUT_S = 1800;
const BOOKMARK_EVERY_MS = 5_000;

/**
 * What a selective watcher sees for a store event: an object leaving the selection is DELETED,
 * one entering it is ADDED, as the apiserver's watch cache reports them.
 */
export function translate(event: StoreEvent, inScope: (o: KubeObject) => boolean): { type: WatchType; object: KubeObject } | undefined {
  const now = inScope(event.object);
  if (event.type !== 'MODIFIED') return now ? { type: event.type, object: event.object } : undefined;
  const before = event.old ? inScope(event.old) : false;
  if (now && before) return { type: 'MODIFIED', object: event.object };
  if (now) return { type: 'ADDED', object: event.object };
  if (before) return { type: 'DELETED', object: event.object };
  return undefined;
}

function scopeOf(call: Call, filter: ObjectFilter): (o: KubeObject) => boolean {
  const ns = call.route.namespace;
  return (o) => (!ns || o.metadata.namespace === ns) && matchesFilter(filter, o);
}

/** Serve `?watch=true` as a stream of JSON lines until timeoutSeconds or the client hangs up. */
export function serveWatch(call: Call): number {
  const { ctx, route, query, req, res } = call;
  const { api } = ctx;
  const filter = parseFilter(query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
  checkFieldLabels(route.type, filter);
  const inScope = scopeOf(call, filter);
  const table = wantsTable(req.headers.accept);
  const include = parseIncludeObject(query.get('includeObject') ?? undefined);
  const rvParam = query.get('resourceVersion') ?? '';
  const replay = rvParam && rvParam !== '0' ? api.store.eventsSince(route.type, Number(rvParam)) : undefined;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  // Clients (client-node's Watch) wait for the headers before they consider the watch established.
  res.flushHeaders();
  const send = (type: WatchType, obj: KubeObject): void => {
    const presented = type === 'BOOKMARK' ? obj : api.present(route.type, obj, route.version);
    const object = table && type !== 'BOOKMARK' ? toTable(route.type, [presented], include) : presented;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const bookmark = (annotations?: Record<string, string>): void =>
    send('BOOKMARK', {
      kind: route.type.kind,
      apiVersion: api.present(route.type, {} as KubeObject, route.version).apiVersion,
      metadata: { resourceVersion: api.store.resourceVersion, ...(annotations ? { annotations } : {}) },
    } as unknown as KubeObject);

  const key = `${route.type.group}/${route.type.plural}`;
  const unsubscribe = api.store.subscribe((event) => {
    if (event.resource !== key) return;
    const out = translate(event, inScope);
    if (out) send(out.type, out.object);
  });
  if (replay) {
    for (const event of replay) {
      const out = translate(event, inScope);
      if (out) send(out.type, out.object);
    }
  } else {
    for (const obj of api.store.list(route.type, route.namespace)) if (inScope(obj)) send('ADDED', obj);
    if (query.get('sendInitialEvents') === 'true') bookmark({ 'k8s.io/initial-events-end': 'true' });
  }

  const bookmarks = query.get('allowWatchBookmarks') === 'true' ? setInterval(() => bookmark(), BOOKMARK_EVERY_MS) : undefined;
  const timeoutS = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S) || DEFAULT_TIMEOUT_S;
  const close = (): void => {
    unsubscribe();
    clearInterval(bookmarks);
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(close, timeoutS * 1000);
  res.on('close', close);
  return 200;
}
