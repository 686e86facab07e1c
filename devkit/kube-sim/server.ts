import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { RecordedRequest, ResourceRoute, ServerContext } from './context.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.js';
import { reasonForCode } from './faults.js';
import { handleResource } from './handlers.js';
import { readRawBody, sendError, sendJson, sendText } from './http-util.js';
import { OpenApiServer } from './openapi/serve.js';
import { checkFieldValidation } from './openapi/write-check.js';
import { ProtoTypes } from './protobuf/registry.js';
import { requestBodyText } from './protobuf/request-body.js';
import { StatusError } from './status.js';

function notFoundPage(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource');
}

/** Turn a path into a resource route, or undefined for non-resource paths. */
export function parseRoute(ctx: ServerContext, segments: string[]): ResourceRoute | undefined {
  let group = '';
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) rest = segments.slice(1);
  else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    rest = segments.slice(2);
  } else return undefined;
  const version = rest[0] ?? '';
  let parts = rest.slice(1);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3 && !(parts.length === 3 && ['status', 'finalize'].includes(parts[2] ?? ''))) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const type = ctx.api.registry.byPlural(group, version, parts[0] ?? '');
  if (!type || parts.length > 3) throw notFoundPage();
  if (namespace !== undefined && !type.namespaced) throw notFoundPage();
  return {
    type,
    version,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(parts[1] !== undefined ? { name: parts[1] } : {}),
    ...(parts[2] !== undefined ? { sub: parts[2] } : {}),
  };
}

function discovery(ctx: ServerContext, req: IncomingMessage, segments: string[]): unknown {
  const path = `/${segments.join('/')}`;
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return apiVersions(req.headers.host ?? '');
  if (path === '/apis') return apiGroupList(ctx.api.registry);
  if (segments[0] === 'apis' && segments.length === 2) return apiGroup(ctx.api.registry, segments[1] ?? '');
  if (segments[0] === 'api' && segments.length === 2) return apiResourceList(ctx.api.registry, '', segments[1] ?? '');
  if (segments[0] === 'apis' && segments.length === 3) return apiResourceList(ctx.api.registry, segments[1] ?? '', segments[2] ?? '');
  return undefined;
}

async function serve(ctx: ServerContext, openapi: OpenApiServer, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<number> {
  const segments = url.pathname.split('/').filter((s) => s.length > 0).map(decodeURIComponent);
  if (['/healthz', '/readyz', '/livez'].includes(url.pathname)) {
    sendText(res, 200, 'ok');
    return 200;
  }
  if (segments[0] === 'openapi' && req.method === 'GET') return openapi.serve(req, res, segments.slice(1), url.searchParams);
  const route = parseRoute(ctx, segments);
  if (route) {
    const checked = checkFieldValidation(openapi, req, res, route, url.searchParams, body);
    return handleResource(ctx, req, res, route, url.searchParams, checked);
  }
  if (req.method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const doc = discovery(ctx, req, segments);
  if (!doc) throw notFoundPage();
  sendJson(res, 200, doc);
  return 200;
}

async function applyFault(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<number | 'hang' | undefined> {
  const fault = ctx.faults.take(req.method ?? 'GET', path);
  if (!fault) return undefined;
  if (fault.hang) return 'hang';
  if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (!fault.status || fault.status < 400) return undefined;
  const reason = fault.reason ?? reasonForCode(fault.status);
  sendError(res, new StatusError(fault.status, reason, fault.message ?? `injected ${reason}`));
  return fault.status;
}

/** The HTTP front of one simulated cluster. */
export function createSimServer(ctx: ServerContext): Server {
  const protoTypes = new ProtoTypes();
  const openapi = new OpenApiServer(ctx.api);
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const raw = await readRawBody(req);
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: 0,
        userAgent: req.headers['user-agent'] ?? '',
        at: Date.now(),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      };
      ctx.requests.push(record);
      try {
        const body = requestBodyText(protoTypes, req, raw);
        if (body) record.body = body;
        const faulted = await applyFault(ctx, req, res, url.pathname);
        if (faulted === 'hang') return;
        record.status = faulted ?? (await serve(ctx, openapi, req, res, url, body));
      } catch (err) {
        record.status = res.headersSent ? res.statusCode : sendError(res, err);
      }
    })();
  });
}
