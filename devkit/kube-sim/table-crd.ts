import { age } from './duration.js';
import type { Column } from './table-columns.js';
import type { KubeObject } from './types.js';
import { isObj } from './types.js';

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** The JSONPath subset CRDs use: `.a.b`, `[0]`, `[?(@.type=="Ready")]`. */
export function evalJsonPath(root: unknown, path: string): unknown {
  const tokens = path.match(/\.[^.[\]]+|\[\?\(@\.[^=]+=="[^"]*"\)\]|\[\d+\]/g) ?? [];
  let cur: unknown = root;
  for (const t of tokens) {
    if (cur === undefined || cur === null) return undefined;
    if (t.startsWith('[?')) {
      const [, key = '', value] = /^\[\?\(@\.([^=]+)=="([^"]*)"\)\]$/.exec(t) ?? [];
      cur = Array.isArray(cur) ? cur.find((e) => isObj(e) && String(e[key]) === value) : undefined;
    } else if (t.startsWith('[')) cur = Array.isArray(cur) ? cur[Number(t.slice(1, -1))] : undefined;
    else cur = isObj(cur) ? cur[t.slice(1)] : undefined;
  }
  return cur;
}

/** A CRD's printer columns as the apiserver's table convertor serves them: Name, then the CRD's own. */
export function crdColumns(columns: PrinterColumn[]): Column[] {
  return [
    { name: 'Name', type: 'string', format: 'name', cell: (o: KubeObject) => o.metadata.name },
    ...columns.map((c): Column => ({
      name: c.name,
      type: c.type === 'date' ? 'date' : c.type === 'integer' ? 'integer' : 'string',
      priority: c.priority ?? 0,
      ...(c.format ? { format: c.format } : {}),
      cell: (o: KubeObject) => {
        const v = evalJsonPath(o, c.jsonPath);
        if (v === undefined || v === null) return '';
        if (c.type === 'date' && typeof v === 'string') return age(v);
        return typeof v === 'object' ? JSON.stringify(v) : (v as string | number);
      },
    })),
  ];
}
