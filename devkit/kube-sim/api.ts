import { admit } from './admission.js';
import { fromStorage, toStorage } from './convert.js';
import type { PrinterColumn } from './table-crd.js';
import type { ResourceRegistry, ResourceType } from './resources.js';
import { apiVersionOf, splitApiVersion } from './resources.js';
import { badRequest, notFound, StatusError } from './status.js';
import type { Store, WriteOptions } from './store.js';
import type { KubeObject, Obj } from './types.js';
import { clone, isObj } from './types.js';

/**
 * The apiserver's storage layer without HTTP: admission, namespace existence, CRD registration and
 * cascading deletes. The HTTP router, the controllers and the test-facing SimCluster all go through it.
 */
export class ClusterApi {
  constructor(
    readonly registry: ResourceRegistry,
    readonly store: Store,
  ) {}

  typeOf(obj: object): ResourceType {
    const o = obj as Partial<KubeObject>;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') throw badRequest('Object \'Kind\' is missing in request body');
    const type = this.registry.byKind(o.apiVersion, o.kind);
    if (!type) throw new StatusError(404, 'NotFound', `the server could not find the requested resource (${o.kind} ${o.apiVersion})`);
    return type;
  }

  /** Stamp the requested version on an outgoing object (CRDs may be served under several versions). */
  present(type: ResourceType, obj: KubeObject, version = type.version): KubeObject {
    return { ...fromStorage(type, obj, version), apiVersion: apiVersionOf(type.group, version), kind: type.kind };
  }

  private requireNamespace(type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced) return;
    if (!namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const nsType = this.registry.byKind('v1', 'Namespace');
    if (nsType && !this.store.get(nsType, undefined, namespace)) throw notFound('', 'namespaces', namespace);
  }

  create(type: ResourceType, input: object, options: WriteOptions = {}): KubeObject {
    const obj = this.present(type, toStorage(type, clone(input) as KubeObject));
    admit(type, obj);
    if (type.namespaced) obj.metadata.namespace ??= 'default';
    this.requireNamespace(type, obj.metadata.namespace);
    const created = this.store.create(type, obj, options);
    if (!options.dryRun && type.kind === 'CustomResourceDefinition') return this.registerCrd(created);
    return created;
  }

  update(type: ResourceType, input: object, options: WriteOptions = {}): KubeObject {
    const obj = this.present(type, toStorage(type, clone(input) as KubeObject));
    if (options.subresource !== 'status') admit(type, obj);
    const updated = this.store.update(type, obj, options);
    if (!options.dryRun && type.kind === 'CustomResourceDefinition') return this.registerCrd(updated);
    return updated;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.store.get(type, namespace, name);
    if (!obj) throw notFound(type.group, type.plural, name);
    return obj;
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: { dryRun?: boolean; uid?: string; resourceVersion?: string } = {}): KubeObject {
    const gone = this.store.delete(type, namespace, name, options);
    if (options.dryRun) return gone;
    if (type.kind === 'Namespace' && type.group === '') this.deleteNamespaceContents(name);
    if (type.kind === 'CustomResourceDefinition') this.unregisterCrd(gone);
    return gone;
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const t of this.registry.all()) {
      if (!t.namespaced) continue;
      for (const obj of this.store.list(t, namespace)) this.store.delete(t, namespace, obj.metadata.name);
    }
  }

  private registerCrd(crd: KubeObject): KubeObject {
    const spec = isObj(crd.spec) ? crd.spec : {};
    const names = (isObj(spec.names) ? spec.names : {}) as { plural?: string; singular?: string; kind?: string; shortNames?: string[]; categories?: string[] };
    const versions = (Array.isArray(spec.versions) ? spec.versions : []) as { name: string; served?: boolean; storage?: boolean; subresources?: Obj; additionalPrinterColumns?: PrinterColumn[] }[];
    const served = versions.filter((v) => v.served !== false);
    const storage = versions.find((v) => v.storage) ?? served[0];
    if (typeof spec.group !== 'string' || !names.plural || !names.kind || !storage) return crd;
    this.registry.add({
      group: spec.group,
      version: storage.name,
      servedVersions: served.map((v) => v.name),
      plural: names.plural,
      singular: names.singular ?? names.kind.toLowerCase(),
      kind: names.kind,
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      subresources: [
        ...(storage.subresources?.status ? [{ name: 'status', kind: names.kind, verbs: ['get', 'patch', 'update'] }] : []),
        ...(storage.subresources?.scale ? [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }] : []),
      ],
      hasStatus: Boolean(storage.subresources?.status),
      ...(storage.additionalPrinterColumns?.length ? { printerColumns: storage.additionalPrinterColumns } : {}),
    });
    const now = crd.metadata.creationTimestamp;
    const status = {
      acceptedNames: names,
      storedVersions: [storage.name],
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now },
      ],
    };
    const crdType = this.typeOf(crd);
    return this.store.update(crdType, { ...crd, status }, { subresource: 'status' });
  }

  private unregisterCrd(crd: KubeObject): void {
    const spec = isObj(crd.spec) ? crd.spec : {};
    const names = isObj(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.plural !== 'string') return;
    const versions = Array.isArray(spec.versions) ? (spec.versions as { name: string }[]) : [];
    const type = versions[0] ? this.registry.byPlural(spec.group, versions[0].name, names.plural) : undefined;
    if (type) for (const obj of this.store.list(type)) this.store.delete(type, obj.metadata.namespace, obj.metadata.name);
    this.registry.remove(spec.group, names.plural);
  }

  /** Resolve a type from apiVersion + kind given by a caller (tests) rather than an object. */
  typeByKind(apiVersion: string, kind: string): ResourceType {
    const type = this.registry.byKind(apiVersion, kind);
    if (!type) throw new StatusError(404, 'NotFound', `no resource registered for ${kind} ${apiVersion}`);
    return type;
  }

  versionOf(apiVersion: string): string {
    return splitApiVersion(apiVersion).version;
  }
}
