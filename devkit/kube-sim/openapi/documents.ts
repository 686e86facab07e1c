import { apiVersionOf } from '../resources.js';
import type { Obj } from '../types.js';
import { isObj } from '../types.js';
import type { Schema, SchemaModel, ServedKind } from './model.js';
import type { PathItem } from './paths.js';
import { kindPaths } from './paths.js';

const INFO = { title: 'Kubernetes', version: 'v1.32.4' };

/** Every definition reachable from the roots through `$ref`. */
function closure(model: SchemaModel, roots: string[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop() ?? '';
    if (out[name] || !model.definitions[name]) continue;
    out[name] = model.definitions[name];
    const text = JSON.stringify(model.definitions[name]);
    for (const m of text.matchAll(/"#\/definitions\/([^"]+)"/g)) if (m[1] && !out[m[1]]) pending.push(m[1]);
  }
  return out;
}

function pathsOf(kinds: ServedKind[]): Record<string, PathItem> {
  return Object.assign({}, ...kinds.map(kindPaths)) as Record<string, PathItem>;
}

/** GET /openapi/v2: one swagger 2.0 document for every served kind. */
export function swaggerDocument(model: SchemaModel): Obj {
  const roots = [...model.kinds.map((k) => k.definition), 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status'];
  return { swagger: '2.0', info: INFO, paths: pathsOf(model.kinds), definitions: closure(model, roots) };
}

/** A swagger 2 schema in OpenAPI 3 form: component refs, and a ref with siblings wrapped in allOf as the apiserver does. */
function toV3(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toV3);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/') : toV3(v);
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  return out;
}

function v3Operation(op: Obj): Obj {
  const { parameters, consumes, responses, ...rest } = op;
  const params = Array.isArray(parameters) ? (parameters as Obj[]) : [];
  const body = params.find((p) => p.in === 'body');
  const types = Array.isArray(consumes) ? (consumes as string[]) : ['application/json'];
  const bodySchema = toV3(body?.schema);
  const okSchema = isObj(responses) && isObj(responses['200']) ? toV3(responses['200'].schema) : undefined;
  return {
    ...rest,
    ...(params.some((p) => p.in === 'query')
      ? { parameters: params.filter((p) => p.in === 'query').map(({ type, uniqueItems, ...p }) => ({ ...p, schema: { type, uniqueItems } })) }
      : {}),
    ...(body ? { requestBody: { content: Object.fromEntries(types.map((t) => [t, { schema: bodySchema }])), required: true } } : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: okSchema } } }, '401': { description: 'Unauthorized' } },
  };
}

/** GET /openapi/v3/apis/<group>/<version> (or api/v1): the paths and schemas of one group version. */
export function groupVersionDocument(model: SchemaModel, group: string, version: string): Obj | undefined {
  const kinds = model.kinds.filter((k) => k.type.group === group && k.version === version);
  if (kinds.length === 0) return undefined;
  const paths: Record<string, Obj> = {};
  for (const [path, item] of Object.entries(pathsOf(kinds))) {
    paths[path] = Object.fromEntries(Object.entries(item).map(([verb, op]) => [verb, v3Operation(op)]));
  }
  const schemas = closure(model, [...kinds.map((k) => k.definition), 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status']);
  return { openapi: '3.0.0', info: INFO, paths, components: { schemas: toV3(schemas) } };
}

/** Group versions with at least one documented kind, as the v3 index lists them ("api/v1", "apis/apps/v1"). */
export function groupVersionPaths(model: SchemaModel): { path: string; group: string; version: string }[] {
  const seen = new Map<string, { path: string; group: string; version: string }>();
  for (const k of model.kinds) {
    const path = k.type.group ? `apis/${apiVersionOf(k.type.group, k.version)}` : `api/${k.version}`;
    seen.set(path, { path, group: k.type.group, version: k.version });
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}
