import { StatusError, badRequest } from '../status.js';
import { clone, deepEqual, isObj } from '../types.js';

/** RFC 6902 JSON patch, as the apiserver applies `application/json-patch+json` bodies. */
export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function rejected(message: string): StatusError {
  return new StatusError(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`);
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function parentOf(doc: unknown, tokens: string[], path: string): { parent: Container; key: string } {
  let current: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(t)];
    else if (isObj(current)) current = current[t];
    else current = undefined;
    if (current === undefined) throw rejected(`doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(current) && !isObj(current)) throw rejected(`doc is missing path: "${path}": missing value`);
  return { parent: current, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(current)) current = current[Number(t)];
    else if (isObj(current)) current = current[t];
    else return undefined;
  }
  return current;
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean, path: string): number {
  if (key === '-' && forAdd) return arr.length;
  const i = Number(key);
  const max = forAdd ? arr.length : arr.length - 1;
  if (!Number.isInteger(i) || i < 0 || i > max) throw rejected(`unable to access invalid index: ${key} (path ${path})`);
  return i;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, path), 0, clone(value));
  else parent[key] = clone(value);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false, path), 1);
  else {
    if (!(key in parent)) throw rejected(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

function replace(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent[arrayIndex(parent, key, false, path)] = clone(value);
  else {
    if (!(key in parent)) throw rejected(`doc is missing key: ${path}: missing value`);
    parent[key] = clone(value);
  }
  return doc;
}

export function applyJsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(original);
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw badRequest('invalid JSON patch operation');
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, op.value);
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        doc = replace(doc, op.path, op.value);
        break;
      case 'move': {
        const value = getAt(doc, op.from ?? '');
        if (value === undefined) throw rejected(`doc is missing from path: ${op.from ?? ''}`);
        doc = add(remove(doc, op.from ?? ''), op.path, value);
        break;
      }
      case 'copy': {
        const value = getAt(doc, op.from ?? '');
        if (value === undefined) throw rejected(`doc is missing from path: ${op.from ?? ''}`);
        doc = add(doc, op.path, value);
        break;
      }
      case 'test':
        if (!deepEqual(getAt(doc, op.path), op.value ?? null)) throw rejected(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
