import type { ResourceType } from '../resources.js';
import { StatusError } from '../status.js';
import { isObj } from '../types.js';
import type { Schema, SchemaModel } from './model.js';
import { resolveRef } from './model.js';

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** The schema a property of `schema` has, following refs and single-element allOf wrappers. */
function effective(model: SchemaModel, schema: Schema): Schema {
  let s = resolveRef(model, schema);
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && isObj(s.allOf[0])) s = resolveRef(model, s.allOf[0]);
  return s;
}

/** One field the schema does not declare: its path in the apiserver's notation and where it sits. */
export interface UnknownField {
  path: string;
  parent: Record<string, unknown>;
  key: string;
}

interface Walk {
  model: SchemaModel;
  /** In a patch, `null` deletes a field: naming an unknown one there is not an error. */
  patch: boolean;
  out: UnknownField[];
}

function walk(w: Walk, schema: Schema, value: unknown, path: string): void {
  const { model, out } = w;
  const s = effective(model, schema);
  if (s['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (Array.isArray(value)) {
    if (isObj(s.items)) value.forEach((v, i) => walk(w, s.items as Schema, v, `${path}[${i}]`));
    return;
  }
  if (!isObj(value)) return;
  if (isObj(s.properties)) {
    const props = s.properties;
    for (const [key, v] of Object.entries(value)) {
      // Patch directives ($patch, $setElementOrder/..., $retainKeys) are not fields.
      if (key.startsWith('$') || (w.patch && v === null)) continue;
      const child = path ? `${path}.${key}` : key;
      const prop = props[key];
      if (isObj(prop)) walk(w, prop, v, child);
      else if (isObj(s.additionalProperties)) walk(w, s.additionalProperties, v, child);
      else if (s.additionalProperties !== true) out.push({ path: child, parent: value, key });
    }
    return;
  }
  if (isObj(s.additionalProperties)) for (const [key, v] of Object.entries(value)) walk(w, s.additionalProperties, v, path ? `${path}.${key}` : key);
}

/** The fields in `body` that the kind's schema does not declare; undefined when the kind has no schema. */
export function unknownFields(model: SchemaModel, type: ResourceType, version: string, body: unknown, patch = false): UnknownField[] | undefined {
  const kind = model.kinds.find((k) => k.type === type && k.version === version);
  const root = kind ? model.definitions[kind.definition] : undefined;
  if (!root) return undefined;
  const w: Walk = { model, patch, out: [] };
  walk(w, root, body, '');
  return w.out;
}

/** The directive of a write; without one the apiserver warns (the documented default since 1.23). */
export function parseFieldValidation(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Ignore' || value === 'Warn' || value === 'Strict') return value;
  throw new StatusError(400, 'BadRequest', `fieldValidation must be one of "Ignore", "Warn" or "Strict", not "${value}"`);
}

/** The 400 a real apiserver answers under fieldValidation=Strict. */
export function strictDecodingError(type: ResourceType, version: string, fields: UnknownField[], patch: boolean): StatusError {
  const detail = `strict decoding error: ${fields.map((f) => `unknown field "${f.path}"`).join(', ')}`;
  const message = patch ? detail : `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${detail}`;
  return new StatusError(400, 'BadRequest', message);
}
