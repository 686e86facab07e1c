import type { ResourceType } from './resources.js';
import { COLUMNS, DEFAULT_COLUMNS } from './table-columns.js';
import { EXTRA_COLUMNS } from './table-columns-extra.js';
import { crdColumns } from './table-crd.js';
import type { KubeObject, Obj } from './types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Whether the client asked for a `meta.k8s.io/v1` Table (kubectl get does). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

function rowObject(obj: KubeObject, include: IncludeObject): Obj | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** Render objects as the apiserver's Table, with the printer columns of their resource. */
export function toTable(type: ResourceType, objects: KubeObject[], include: IncludeObject, listMeta: Obj = {}): Obj {
  const key = `${type.group}/${type.plural}`;
  const columns = COLUMNS[key] ?? EXTRA_COLUMNS[key] ?? (type.printerColumns?.length ? crdColumns(type.printerColumns) : DEFAULT_COLUMNS);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: objects.map((obj) => {
      const object = rowObject(obj, include);
      return { cells: columns.map((c) => c.cell(obj)), ...(object ? { object } : {}) };
    }),
  };
}

export function parseIncludeObject(value: string | undefined): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}
