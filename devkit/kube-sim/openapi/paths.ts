import { apiVersionOf } from '../resources.js';
import type { ServedKind } from './model.js';

/** The OpenAPI operations kube-sim serves for one kind, in swagger 2 form (converted for v3 by the caller). */
type Operation = Record<string, unknown>;
export type PathItem = Record<string, Operation>;

const query = (name: string, description: string, type = 'string'): Operation => ({ name, in: 'query', description, type, uniqueItems: true });

const DRY_RUN = query('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const FIELD_VALIDATION = query(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
);
const FORCE = query('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean');

export const PATCH_CONTENT_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

function prefix(k: ServedKind): string {
  const gv = apiVersionOf(k.type.group, k.version);
  return k.type.group ? `/apis/${gv}` : `/api/${gv}`;
}

function operation(k: ServedKind, action: string, verb: string, extra: Operation = {}): Operation {
  const ref = { $ref: `#/definitions/${k.definition}` };
  return {
    operationId: `${verb}${k.type.namespaced ? 'Namespaced' : ''}${k.type.kind}`,
    tags: [k.type.group ? `${k.type.group.split('.')[0] ?? ''}_${k.version}` : `core_${k.version}`],
    responses: { '200': { description: 'OK', schema: ref }, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: k.type.group, version: k.version, kind: k.type.kind },
    ...extra,
  };
}

const bodyParam = (k: ServedKind): Operation => ({ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${k.definition}` } });
const patchBody: Operation = { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } };

/** Collection and item paths of one served kind; PATCH carries fieldValidation, which is how kubectl detects server-side validation. */
export function kindPaths(k: ServedKind): Record<string, PathItem> {
  const base = k.type.namespaced ? `${prefix(k)}/namespaces/{namespace}/${k.type.plural}` : `${prefix(k)}/${k.type.plural}`;
  const write = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
  return {
    [base]: {
      get: operation(k, 'list', 'list'),
      post: operation(k, 'post', 'create', { parameters: [bodyParam(k), ...write], consumes: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] }),
    },
    [`${base}/{name}`]: {
      get: operation(k, 'get', 'read'),
      put: operation(k, 'put', 'replace', { parameters: [bodyParam(k), ...write], consumes: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] }),
      patch: operation(k, 'patch', 'patch', { parameters: [patchBody, ...write, FORCE], consumes: k.definition.startsWith('io.k8s.') ? PATCH_CONTENT_TYPES : PATCH_CONTENT_TYPES.filter((t) => !t.includes('strategic')) }),
      delete: operation(k, 'delete', 'delete', { parameters: [DRY_RUN] }),
    },
  };
}
