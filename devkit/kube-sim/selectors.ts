import { badRequest } from './status.js';
import type { KubeObject, LabelSelector } from './types.js';
import { isObj } from './types.js';

/** One parsed requirement of a label selector (`a=b`, `a in (x,y)`, `!a`, ...). */
export interface Requirement {
  key: string;
  op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  values: string[];
}

export type Labels = Record<string, string> | undefined;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const SET_RE = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQ_RE = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/;
const KEY_RE = /^(!?)\s*([^\s!=(),]+)$/;

/** Parse the `labelSelector` query syntax; throws 400 like the apiserver on garbage. */
export function parseLabelSelector(text: string | undefined): Requirement[] {
  if (!text) return [];
  return splitTopLevel(text).map((term) => {
    const set = SET_RE.exec(term);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
      return { key: set[1] ?? '', op: set[2] === 'in' ? 'in' : 'notin', values };
    }
    const eq = EQ_RE.exec(term);
    if (eq) return { key: eq[1] ?? '', op: eq[2] === '!=' ? 'neq' : 'eq', values: [eq[3] ?? ''] };
    const key = KEY_RE.exec(term);
    if (key) return { key: key[2] ?? '', op: key[1] ? 'notexists' : 'exists', values: [] };
    throw badRequest(`unable to parse requirement: found '${term}', expected: valid label selector`);
  });
}

export function matchesRequirements(reqs: Requirement[], labels: Labels): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const value = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && value === r.values[0];
      case 'neq':
        return !has || value !== r.values[0];
      case 'in':
        return has && r.values.includes(value ?? '');
      case 'notin':
        return !has || !r.values.includes(value ?? '');
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
    return false;
  });
}

/** A structured `LabelSelector` (matchLabels + matchExpressions) as requirements. */
export function requirementsOf(selector: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) reqs.push({ key, op: 'eq', values: [value] });
  for (const e of selector?.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: 'notexists' }[e.operator] as Requirement['op'] | undefined;
    if (op) reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

/** An empty structured selector matches everything, as in the controllers. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  return matchesRequirements(requirementsOf(selector), labels);
}

/** The string form kubectl and the scale subresource show (`app=web,tier in (a,b)`). */
export function selectorToString(selector: LabelSelector | undefined): string {
  return requirementsOf(selector)
    .map((r) => {
      if (r.op === 'eq') return `${r.key}=${r.values[0] ?? ''}`;
      if (r.op === 'exists') return r.key;
      if (r.op === 'notexists') return `!${r.key}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}

export interface FieldRequirement {
  path: string;
  negate: boolean;
  value: string;
}

export function parseFieldSelector(text: string | undefined): FieldRequirement[] {
  if (!text) return [];
  return splitTopLevel(text).map((term) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    return { path: (m[1] ?? '').trim(), negate: m[2] === '!=', value: (m[3] ?? '').trim() };
  });
}

/** A field's value as the apiserver's field label conversion renders it (missing → ""). */
export function fieldValue(obj: KubeObject, path: string): string {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObj(current)) return '';
    current = current[part];
  }
  if (current === undefined || current === null) return '';
  return typeof current === 'string' ? current : String(current as number | boolean);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) !== r.negate);
}

/** LIST/WATCH filter from the two query parameters. */
export interface ObjectFilter {
  labels: Requirement[];
  fields: FieldRequirement[];
}

export function parseFilter(labelSelector: string | undefined, fieldSelector: string | undefined): ObjectFilter {
  return { labels: parseLabelSelector(labelSelector), fields: parseFieldSelector(fieldSelector) };
}

export function matchesFilter(filter: ObjectFilter, obj: KubeObject): boolean {
  return matchesRequirements(filter.labels, obj.metadata.labels) && matchesFields(filter.fields, obj);
}
