import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { errors } from '../meta/errors.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { formatTime } from '../meta/time.ts';

/** Identity of a resource type in storage: `apps/deployments`, `/pods` (core group). */
export interface ResourceKey {
  group: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** The cluster-wide resourceVersion this change was committed at. */
  rv: number;
  key: ResourceKey;
  object: StoredObject;
  previous?: StoredObject;
}

export interface WatchFilter {
  key?: ResourceKey;
  namespace?: string;
}

export interface Snapshot {
  rv: number;
  objects: { key: ResourceKey; object: StoredObject }[];
}

export const storageKey = (k: ResourceKey) => `${k.group}/${k.resource}`;
const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/**
 * One cluster's objects, with a single increasing resourceVersion (as etcd's revision) and a ring of
 * recent changes so that watches can resume from a resourceVersion. Stored objects are never mutated:
 * every write stores a new object, so readers may keep references.
 */
export class ObjectStore {
  private rv: number;
  private readonly tables = new Map<string, Map<string, StoredObject>>();
  private readonly ring: StoreEvent[] = [];
  private readonly subscribers = new Set<(e: StoreEvent) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly ringSize = 1000,
    snapshot?: Snapshot,
  ) {
    this.rv = snapshot?.rv ?? 1;
    for (const { key, object } of snapshot?.objects ?? []) {
      this.table(key).set(objectKey(object.metadata.namespace, object.metadata.name), object);
    }
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can resume from; older ones get 410 Expired. */
  get oldestResumable(): number {
    return this.ring.length > 0 ? this.ring[0]!.rv - 1 : this.rv;
  }

  get(key: ResourceKey, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.tables.get(storageKey(key))?.get(objectKey(namespace, name));
  }

  /** Objects of one type, in one namespace or all, sorted by namespace then name (as etcd's key order). */
  list(key: ResourceKey, namespace?: string): StoredObject[] {
    const table = this.tables.get(storageKey(key));
    if (!table) return [];
    const items: StoredObject[] = [];
    for (const obj of table.values()) {
      if (namespace === undefined || obj.metadata.namespace === namespace) items.push(obj);
    }
    return items.sort(byNamespaceThenName);
  }

  /** Every stored object, for snapshots. */
  *entries(): Generator<{ key: ResourceKey; object: StoredObject }> {
    for (const [k, table] of this.tables) {
      const slash = k.indexOf('/');
      const key = { group: k.slice(0, slash), resource: k.slice(slash + 1) };
      for (const object of table.values()) yield { key, object };
    }
  }

  create(key: ResourceKey, obj: KubeObject): StoredObject {
    const name = obj.metadata.name;
    if (!name) throw new Error('create: metadata.name must be set before storing');
    const table = this.table(key);
    const k = objectKey(obj.metadata.namespace, name);
    if (table.has(k)) throw errors.alreadyExists(key, name);
    const rv = ++this.rv;
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        name,
        uid: obj.metadata.uid ?? randomUUID(),
        resourceVersion: String(rv),
        creationTimestamp: obj.metadata.creationTimestamp ?? formatTime(this.clock.now()),
      },
    } as StoredObject;
    table.set(k, stored);
    this.emit({ type: 'ADDED', rv, key, object: stored });
    return stored;
  }

  /**
   * Replaces a stored object. If `obj.metadata.resourceVersion` is set it must be the current one
   * (optimistic concurrency); uid and creationTimestamp are kept from the stored object.
   */
  update(key: ResourceKey, obj: KubeObject): StoredObject {
    const name = obj.metadata.name ?? '';
    const table = this.table(key);
    const k = objectKey(obj.metadata.namespace, name);
    const current = table.get(k);
    if (!current) throw errors.notFound(key, name);
    const wanted = obj.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== current.metadata.resourceVersion) {
      throw errors.conflict(key, name);
    }
    const rv = ++this.rv;
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        name,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: String(rv),
      },
    } as StoredObject;
    table.set(k, stored);
    this.emit({ type: 'MODIFIED', rv, key, object: stored, previous: current });
    return stored;
  }

  /** Removes an object for good (finalizers and graceful deletion are the API layer's business). */
  remove(key: ResourceKey, namespace: string | undefined, name: string): StoredObject {
    const table = this.table(key);
    const k = objectKey(namespace, name);
    const current = table.get(k);
    if (!current) throw errors.notFound(key, name);
    table.delete(k);
    const rv = ++this.rv;
    // A deleted object is announced with the resourceVersion of its deletion, as upstream does.
    const gone = { ...current, metadata: { ...current.metadata, resourceVersion: String(rv) } } as StoredObject;
    this.emit({ type: 'DELETED', rv, key, object: gone, previous: current });
    return gone;
  }

  /** Calls `listener` for every committed change, synchronously, in commit order. */
  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * Changes after `sinceRV` that match the filter, for a watch to replay before it follows live changes.
   * Throws 410 Expired when the ring no longer holds them.
   */
  changesSince(sinceRV: number, filter: WatchFilter): StoreEvent[] {
    if (sinceRV < this.oldestResumable) throw errors.expired(sinceRV, this.oldestResumable + 1);
    return this.ring.filter((e) => e.rv > sinceRV && matchesFilter(e, filter));
  }

  private table(key: ResourceKey): Map<string, StoredObject> {
    const k = storageKey(key);
    let t = this.tables.get(k);
    if (!t) {
      t = new Map();
      this.tables.set(k, t);
    }
    return t;
  }

  private emit(event: StoreEvent): void {
    this.ring.push(event);
    if (this.ring.length > this.ringSize) this.ring.shift();
    for (const s of this.subscribers) s(event);
  }
}

export function matchesFilter(e: StoreEvent, filter: WatchFilter): boolean {
  if (filter.key && (filter.key.group !== e.key.group || filter.key.resource !== e.key.resource)) return false;
  if (filter.namespace !== undefined && e.object.metadata.namespace !== filter.namespace) return false;
  return true;
}

function byNamespaceThenName(a: StoredObject, b: StoredObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
