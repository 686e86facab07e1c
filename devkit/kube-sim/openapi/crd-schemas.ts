import type { KubeObject, Obj } from '../types.js';
import { isObj } from '../types.js';

const OBJECT_META = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The definition name the apiserver gives a CRD version: the group reversed, then version and kind. */
export function crdDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function rootSchema(schema: Obj, group: string, version: string, kind: string): Obj {
  const properties = isObj(schema.properties) ? schema.properties : {};
  const typeMeta = {
    apiVersion: { description: 'APIVersion defines the versioned schema of this representation of an object.', type: 'string' },
    kind: { description: 'Kind is a string value representing the REST resource this object represents.', type: 'string' },
  };
  return {
    ...schema,
    type: 'object',
    properties: { ...typeMeta, ...properties, metadata: { $ref: OBJECT_META, description: "Standard object's metadata." } },
    'x-kubernetes-group-version-kind': [{ group, version, kind }],
  };
}

/** Definitions for every served version of the registered CRDs, from their openAPIV3Schema. */
export function crdDefinitions(crds: KubeObject[]): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const crd of crds) {
    const spec = isObj(crd.spec) ? crd.spec : {};
    const names = isObj(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || !Array.isArray(spec.versions)) continue;
    for (const v of spec.versions as Obj[]) {
      if (typeof v.name !== 'string' || v.served === false) continue;
      const validation = isObj(v.schema) && isObj(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      out[crdDefinitionName(spec.group, v.name, names.kind)] = rootSchema(validation, spec.group, v.name, names.kind);
    }
  }
  return out;
}
