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

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, kubectl 1.32 sends Strict
 * by default): unknown fields are a 400 under Strict and a Warning header under Warn, the default
 * when the parameter is absent (helm 3.17 sends none). JSON patches
 * name operations, not fields, so they are not checked, as on a real apiserver.
 */
export function checkFieldValidation(openapi: OpenApiServer, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams, body: string): void {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method ?? '') || (route.sub !== undefined && route.sub !== 'status')) return;
  const directive = parseFieldValidation(query);
  const contentType = req.headers['content-type'] ?? 'application/json';
  if (directive === 'Ignore' || contentType.includes('json-patch+json') || !body.trim()) return;
  const value = parsedBody(contentType, body);
  const fields = unknownFields(openapi.models.current(), route.type, route.version, value, req.method === 'PATCH');
  if (!fields?.length) return;
  if (directive === 'Strict') throw strictDecodingError(route.type, route.version, fields, req.method === 'PATCH');
  res.setHeader('Warning', fields.map(warning));
}
