import { randomUUID } from 'node:crypto';
import type { ResourceType } from './resources.js';
import { alreadyExists, conflict, gone, notFound, StatusError } from './status.js';
import type { KubeObject } from './types.js';
import { clone, deepEqual, nowIso } from './types.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change to one object; `old` lets watchers with selectors turn a "left the selection" into DELETED. */
export interface StoreEvent {
  type: EventType;
  resource: string;
  object: KubeObject;
  old?: KubeObject;
  rv: number;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Reject with 409 Conflict when the incoming resourceVersion is set and stale. */
  checkResourceVersion?: boolean;
  /**
   * `status` writes only .status; `all` (controllers, test setup) writes spec and status together;
   * unset, a main-resource write keeps the stored .status when the type has a status subresource.
   */
  subresource?: 'status' | 'all';
}

const HISTORY_LIMIT = 20_000;
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return out;
}

export function resourceKey(type: ResourceType): string {
  return `${type.group}/${type.plural}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/**
 * The object store of one simulated cluster: a global resourceVersion counter, a bounded event
 * history for watches that resume from a resourceVersion, and synchronous listeners.
 */
export class Store {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  get resourceVersion(): string {
    return String(this.rv);
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = resourceKey(type);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.bucket(type).get(objectKey(type.namespaced ? namespace : undefined, name));
    return obj ? clone(obj) : undefined;
  }

  /** Objects sorted by namespace then name (the apiserver's etcd key order). */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.bucket(type).values()) {
      if (namespace && type.namespaced && obj.metadata.namespace !== namespace) continue;
      out.push(clone(obj));
    }
    const key = (o: KubeObject): string => objectKey(o.metadata.namespace, o.metadata.name);
    return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  create(type: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const obj = clone(input);
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    if (!type.namespaced) delete meta.namespace;
    const key = objectKey(meta.namespace, meta.name);
    if (this.bucket(type).has(key)) throw alreadyExists(type.group, type.plural, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = nowIso();
    meta.generation = 1;
    delete meta.deletionTimestamp;
    if (options.dryRun) return { ...obj, metadata: { ...meta, resourceVersion: '' } };
    meta.resourceVersion = String(++this.rv);
    this.bucket(type).set(key, obj);
    this.emit({ type: 'ADDED', resource: resourceKey(type), object: clone(obj), rv: this.rv });
    return clone(obj);
  }

  update(type: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const namespace = type.namespaced ? input.metadata.namespace : undefined;
    const key = objectKey(namespace, input.metadata.name);
    const old = this.bucket(type).get(key);
    if (!old) throw notFound(type.group, type.plural, input.metadata.name);
    const rv = input.metadata.resourceVersion;
    if (options.checkResourceVersion && rv && rv !== old.metadata.resourceVersion) throw conflict(type.group, type.plural, input.metadata.name);
    const next = this.merged(type, old, clone(input), options);
    if (deepEqual(next, old)) return clone(old);
    if (options.dryRun) return next;
    next.metadata.resourceVersion = String(++this.rv);
    this.bucket(type).set(key, next);
    this.emit({ type: 'MODIFIED', resource: resourceKey(type), object: clone(next), old: clone(old), rv: this.rv });
    return clone(next);
  }

  private merged(type: ResourceType, old: KubeObject, next: KubeObject, options: WriteOptions): KubeObject {
    if (options.subresource === 'status') {
      const out = clone(old);
      if (next.status === undefined) delete out.status;
      else out.status = next.status;
      return out;
    }
    if (type.hasStatus && options.subresource !== 'all') {
      if (old.status === undefined) delete next.status;
      else next.status = clone(old.status);
    }
    const meta = next.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    if (type.namespaced) meta.namespace = old.metadata.namespace ?? '';
    else delete meta.namespace;
    meta.generation = (old.metadata.generation ?? 1) + (deepEqual(specOf(old), specOf(next)) ? 0 : 1);
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    return next;
  }

  /** Replace an object wholesale (controllers and test setup): status included, no rv check. */
  replace(type: ResourceType, input: KubeObject): KubeObject {
    return this.update(type, input, { subresource: 'all' });
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: { dryRun?: boolean; uid?: string; resourceVersion?: string } = {}): KubeObject {
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const old = this.bucket(type).get(key);
    if (!old) throw notFound(type.group, type.plural, name);
    if (options.uid && options.uid !== old.metadata.uid) {
      throw new StatusError(409, 'Conflict', `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (options.resourceVersion && options.resourceVersion !== old.metadata.resourceVersion) throw conflict(type.group, type.plural, name);
    const gone = clone(old);
    gone.metadata.deletionTimestamp = nowIso();
    if (options.dryRun) return gone;
    this.bucket(type).delete(key);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', resource: resourceKey(type), object: clone(gone), rv: this.rv });
    return gone;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `sinceRv` for one resource; 410 Gone when history no longer reaches back that far. */
  eventsSince(type: ResourceType, sinceRv: number): StoreEvent[] {
    const oldest = this.history[0];
    if (oldest && sinceRv < oldest.rv - 1 && this.history.length >= HISTORY_LIMIT) {
      throw gone(`too old resource version: ${sinceRv} (${oldest.rv - 1})`);
    }
    const key = resourceKey(type);
    return this.history.filter((e) => e.rv > sinceRv && e.resource === key).map((e) => clone(e));
  }
}
