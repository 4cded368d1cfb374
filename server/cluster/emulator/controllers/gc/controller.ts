/**
 * The garbage collector: deletes objects whose owners (ownerReferences, by uid) are gone; carries out
 * foreground deletion (an owner with the `foregroundDeletion` finalizer waits until its blocking
 * dependents are deleted, which are deleted in the foreground themselves when they have dependents) and
 * orphaning (the `orphan` finalizer: dependents lose their ownerReference to the owner, then the finalizer
 * goes), as upstream's garbagecollector does for `kubectl delete --cascade=background|foreground|orphan`.
 */
import type { OwnerReference, StoredObject } from '../../meta/types.ts';
import type { ResourceDef } from '../../registry/types.ts';
import { gvString } from '../../registry/types.ts';
import { storageKey, type ResourceKey, type StoreEvent } from '../../storage/object-store.ts';
import { ignoreNotFound } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { clone } from '../shared/objects.ts';
import { defForKind } from '../shared/resources.ts';
import { itemId, itemOf, OwnershipGraph, type ItemRef } from './graph.ts';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

const hasFinalizer = (o: StoredObject, f: string) => (o.metadata.finalizers ?? []).includes(f);
const deletingDependents = (o: StoredObject) => !!o.metadata.deletionTimestamp && hasFinalizer(o, FOREGROUND);

export class GarbageCollector extends ReconcileLoop {
  readonly name = 'garbage-collector-controller';
  private graph = new OwnershipGraph();
  private items = new Map<string, ItemRef>();

  protected override setup(): void {
    this.graph = new OwnershipGraph();
    this.items = new Map();
  }

  protected initialKeys(): string[] {
    const keys: string[] = [];
    for (const { key, object } of this.ctx.store.entries()) {
      const item = itemOf(key, object);
      this.graph.set(item, object.metadata.ownerReferences);
      if (object.metadata.ownerReferences?.length || hasFinalizer(object, FOREGROUND) || hasFinalizer(object, ORPHAN)) keys.push(this.track(item));
    }
    return keys;
  }

  private track(item: ItemRef): string {
    const id = itemId(item);
    this.items.set(id, item);
    return id;
  }

  protected onEvent(e: StoreEvent): void {
    const item = itemOf(e.key, e.object);
    if (e.type === 'DELETED') {
      this.graph.remove(item);
      this.items.delete(itemId(item));
      // Dependents may now be dangling; owners waiting in the foreground may be done.
      for (const dep of this.graph.dependentsOf(item.uid)) this.queue.add(this.track(dep));
      this.enqueueOwners(e.object);
      return;
    }
    const refs = e.object.metadata.ownerReferences;
    const refsChanged = JSON.stringify(refs ?? []) !== JSON.stringify(e.previous?.metadata.ownerReferences ?? []);
    this.graph.set(item, refs);
    const o = e.object;
    if (hasFinalizer(o, ORPHAN) && o.metadata.deletionTimestamp) this.queue.add(this.track(item));
    if (deletingDependents(o)) {
      this.queue.add(this.track(item));
      for (const dep of this.graph.dependentsOf(item.uid)) this.queue.add(this.track(dep));
    }
    if (refs?.length && (e.type === 'ADDED' || refsChanged)) this.queue.add(this.track(item));
    if (refsChanged) this.enqueueOwners(e.previous ?? o);
  }

  private enqueueOwners(o: StoredObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) {
      const owner = this.lookupOwner(ref, o.metadata.namespace);
      if (owner && owner !== 'unknown' && owner.object.metadata.deletionTimestamp) this.queue.add(this.track(itemOf(owner.def.storage, owner.object)));
    }
  }

  protected reconcile(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    const latest = this.ctx.store.get(item.key, item.namespace, item.name);
    if (!latest || latest.metadata.uid !== item.uid) {
      this.items.delete(id);
      return;
    }
    if (latest.metadata.deletionTimestamp && hasFinalizer(latest, ORPHAN)) {
      this.orphanDependents(item, latest);
      return;
    }
    if (deletingDependents(latest)) {
      this.processDeletingDependents(item, latest);
      return;
    }
    if (latest.metadata.deletionTimestamp) return;
    this.attemptToDelete(item, latest);
  }

  /** Deletes an object whose owners are all gone; drops references to missing owners of a kept one. */
  private attemptToDelete(item: ItemRef, latest: StoredObject): void {
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.lookupOwner(ref, latest.metadata.namespace);
      if (owner === 'unknown') solid.push(ref);
      else if (!owner || owner.object.metadata.uid !== ref.uid) dangling.push(ref);
      else if (deletingDependents(owner.object)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Keep the object for its live owners: forget the missing ones, stop blocking the deleting ones.
      const goneUids = new Set(dangling.map((r) => r.uid));
      const waitingUids = new Set(waiting.map((r) => r.uid));
      this.write(item, latest, (o) => {
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? [])
          .filter((r) => !goneUids.has(r.uid))
          .map((r) => (waitingUids.has(r.uid) && r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r));
      });
      return;
    }
    if (waiting.length > 0 && this.graph.dependentsOf(item.uid).length > 0) {
      this.remove(item, latest, 'Foreground');
      return;
    }
    const policy = hasFinalizer(latest, ORPHAN) ? 'Orphan' : hasFinalizer(latest, FOREGROUND) ? 'Foreground' : 'Background';
    this.remove(item, latest, policy);
  }

  /** Foreground deletion: delete the blocking dependents; when none is left, drop the finalizer. */
  private processDeletingDependents(item: ItemRef, owner: StoredObject): void {
    const blocking: ItemRef[] = [];
    for (const dep of this.graph.dependentsOf(item.uid)) {
      const obj = this.ctx.store.get(dep.key, dep.namespace, dep.name);
      if (!obj || obj.metadata.uid !== dep.uid) continue;
      const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.uid === item.uid);
      if (ref?.blockOwnerDeletion) blocking.push(dep);
      if (!obj.metadata.deletionTimestamp) this.queue.add(this.track(dep));
    }
    if (blocking.length === 0) this.removeFinalizer(item, owner, FOREGROUND);
  }

  /** Orphan deletion: remove this owner from every dependent's ownerReferences, then the finalizer. */
  private orphanDependents(item: ItemRef, owner: StoredObject): void {
    for (const dep of this.graph.dependentsOf(item.uid)) {
      const obj = this.ctx.store.get(dep.key, dep.namespace, dep.name);
      if (!obj || obj.metadata.uid !== dep.uid) continue;
      this.write(dep, obj, (o) => {
        const rest = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== item.uid);
        if (rest.length > 0) o.metadata.ownerReferences = rest;
        else delete o.metadata.ownerReferences;
      });
    }
    this.removeFinalizer(item, owner, ORPHAN);
  }

  private removeFinalizer(item: ItemRef, obj: StoredObject, finalizer: string): void {
    this.write(item, obj, (o) => {
      const rest = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      if (rest.length > 0) o.metadata.finalizers = rest;
      else delete o.metadata.finalizers;
    });
  }

  private write(item: ItemRef, obj: StoredObject, mutate: (o: StoredObject) => void): void {
    const def = this.defFor(item.key, obj);
    if (!def) return;
    const copy = clone(obj);
    mutate(copy);
    ignoreNotFound(() => this.ctx.api.update(def, obj.metadata.namespace, obj.metadata.name, copy));
  }

  private remove(item: ItemRef, obj: StoredObject, policy: 'Background' | 'Foreground' | 'Orphan'): void {
    const def = this.defFor(item.key, obj);
    if (!def) return;
    ignoreNotFound(() => this.ctx.api.delete(def, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } }));
  }

  /** The owner an ownerReference names; `'unknown'` when its kind is not served (kept, as upstream cannot decide). */
  private lookupOwner(ref: OwnerReference, namespace: string | undefined): { def: ResourceDef; object: StoredObject } | undefined | 'unknown' {
    const def = defForKind(this.ctx.registry, ref.apiVersion, ref.kind);
    if (!def) return 'unknown';
    const object = this.ctx.store.get(def.storage, def.namespaced ? namespace : undefined, ref.name);
    return object ? { def, object } : undefined;
  }

  /** The served definition for writes to `obj` (matching its apiVersion when a type is served twice). */
  private defFor(key: ResourceKey, obj: StoredObject): ResourceDef | undefined {
    const k = storageKey(key);
    const defs = this.ctx.registry.all().filter((d) => storageKey(d.storage) === k);
    return defs.find((d) => gvString(d) === obj.apiVersion) ?? defs[0];
  }
}
