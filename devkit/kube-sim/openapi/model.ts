import { readFileSync } from 'node:fs';
import type { ClusterApi } from '../api.js';
import { kubeSimDataPath } from '../data-path.js';
import type { ResourceType } from '../resources.js';
import type { KubeObject, Obj } from '../types.js';
import { isObj } from '../types.js';
import { crdDefinitions } from './crd-schemas.js';

export type Schema = Obj;

/** One served kind under one version, with the name of its definition. */
export interface ServedKind {
  type: ResourceType;
  version: string;
  definition: string;
}

/** Definitions (swagger 2 form, `#/definitions/` refs) and what each served kind maps to. */
export interface SchemaModel {
  definitions: Record<string, Schema>;
  kinds: ServedKind[];
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const gvkKey = (g: Gvk): string => `${g.group}/${g.version}/${g.kind}`;

function loadBuiltins(): Record<string, Schema> {
  const file = JSON.parse(readFileSync(kubeSimDataPath('openapi/definitions-1.32.json'), 'utf8')) as { definitions: Record<string, Schema> };
  return file.definitions;
}

function indexByGvk(definitions: Record<string, Schema>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of Object.entries(definitions)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks as Gvk[]) if (!out.has(gvkKey(g))) out.set(gvkKey(g), name);
  }
  return out;
}

/**
 * Builds the schema model of one cluster lazily and keeps it until the served kinds or the CRDs
 * change; the 1.32 definitions file is read once, on the first OpenAPI or field-validation request.
 */
export class SchemaModels {
  private builtins: Record<string, Schema> | undefined;
  private cached: { signature: string; model: SchemaModel } | undefined;
  /** The signature of the model `current()` last returned; renderers key their caches on it. */
  lastSignature = '';

  constructor(private readonly api: ClusterApi) {}

  private crds(): KubeObject[] {
    const crdType = this.api.registry.byKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    return crdType ? this.api.store.list(crdType) : [];
  }

  /** Changes whenever a kind is added or removed or a CRD (its schema) is written. */
  signature(crds: KubeObject[]): string {
    const types = this.api.registry.all().map((t) => `${t.group}/${t.plural}@${t.servedVersions.join(',')}`);
    return `${types.join(';')}|${crds.map((c) => c.metadata.resourceVersion).join(',')}`;
  }

  current(): SchemaModel {
    const crds = this.crds();
    const signature = this.signature(crds);
    this.lastSignature = signature;
    if (this.cached?.signature === signature) return this.cached.model;
    this.builtins ??= loadBuiltins();
    const definitions: Record<string, Schema> = { ...this.builtins, ...crdDefinitions(crds) };
    const byGvk = indexByGvk(definitions);
    const kinds: ServedKind[] = [];
    for (const type of this.api.registry.all()) {
      for (const version of type.servedVersions) {
        const definition = byGvk.get(gvkKey({ group: type.group, version, kind: type.kind }));
        if (definition) kinds.push({ type, version, definition });
      }
    }
    const model = { definitions, kinds };
    this.cached = { signature, model };
    return model;
  }
}

/** Follow a `#/definitions/` reference. */
export function resolveRef(model: SchemaModel, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 8 && typeof current.$ref === 'string'; i++) {
    const target = model.definitions[current.$ref.replace('#/definitions/', '')];
    if (!isObj(target)) return {};
    current = target;
  }
  return current;
}
