import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ResourceRoute } from '../context.js';
import type { OpenApiServer } from './serve.js';
import { parseFieldValidation, strictDecodingError, unknownFields } from './field-validation.js';

/** A Warning header value (RFC 7234 299); field names come from the client, so only printable ASCII passes. */
function warning(field: string): string {
  return `299 - ${JSON.stringify(`unknown field ${JSON.stringify(field)}`)}`.replace(/[^\x20-\x7e]/g, '?');
}

function parsedBody(contentType: string, body: string): unknown {
  try {
    return contentType.includes('apply-patch+yaml') ? (parseYaml(body) as unknown) : (JSON.parse(body) as unknown);
  } catch {
    return undefined; // the handler answers a malformed body with its own 400
  }
}

/** Whether the kind's schema is a built-in one; CRD schemas here may be partial, so their objects are never pruned. */
function isBuiltin(openapi: OpenApiServer, route: ResourceRoute): boolean {
  return openapi.models.current().kinds.some((k) => k.type === route.type && k.version === route.version && k.definition.startsWith('io.k8s.'));
}

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, kubectl 1.32 sends Strict
 * by default): unknown fields are a 400 under Strict, a Warning header under Warn (the default
 * when the parameter is absent; helm 3.17 sends none), and dropped from built-in kinds under Warn
 * and Ignore as the apiserver's decoder drops them. JSON patches name operations, not fields, so
 * they are not checked. Returns the body the handler should use.
 */
export function checkFieldValidation(openapi: OpenApiServer, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams, body: string): string {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method ?? '') || (route.sub !== undefined && route.sub !== 'status')) return body;
  const directive = parseFieldValidation(query);
  const contentType = req.headers['content-type'] ?? 'application/json';
  if (contentType.includes('json-patch+json') || !body.trim()) return body;
  const value = parsedBody(contentType, body);
  const patch = req.method === 'PATCH';
  const fields = unknownFields(openapi.models.current(), route.type, route.version, value, patch);
  if (!fields?.length) return body;
  if (directive === 'Strict') throw strictDecodingError(route.type, route.version, fields, patch);
  if (directive === 'Warn') res.setHeader('Warning', fields.map((f) => warning(f.path)));
  if (!isBuiltin(openapi, route)) return body;
  for (const f of fields) delete f.parent[f.key];
  // JSON is also YAML, so an apply patch stays readable by its parser.
  return JSON.stringify(value);
}
