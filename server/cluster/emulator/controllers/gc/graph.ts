/**
 * The garbage collector's view of ownership: which objects name which owners (by uid). Rebuilt from the
 * store at start and kept current from its change events.
 */
import type { OwnerReference, StoredObject } from '../../meta/types.ts';
import { storageKey, type ResourceKey } from '../../storage/object-store.ts';

export interface ItemRef {
  key: ResourceKey;
  namespace: string | undefined;
  name: string;
  uid: string;
}

export const itemId = (r: ItemRef): string => `${storageKey(r.key)}|${r.namespace ?? ''}|${r.name}|${r.uid}`;

export function itemOf(key: ResourceKey, obj: StoredObject): ItemRef {
  return { key, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid };
}

export class OwnershipGraph {
  /** owner uid → dependents */
  private readonly dependents = new Map<string, Map<string, ItemRef>>();
  /** dependent id → owner uids */
  private readonly owners = new Map<string, string[]>();

  set(item: ItemRef, refs: OwnerReference[] | undefined): void {
    this.remove(item);
    const uids = (refs ?? []).map((r) => r.uid);
    if (uids.length === 0) return;
    const id = itemId(item);
    this.owners.set(id, uids);
    for (const uid of uids) {
      let deps = this.dependents.get(uid);
      if (!deps) this.dependents.set(uid, (deps = new Map()));
      deps.set(id, item);
    }
  }

  remove(item: ItemRef): void {
    const id = itemId(item);
    for (const uid of this.owners.get(id) ?? []) {
      const deps = this.dependents.get(uid);
      deps?.delete(id);
      if (deps && deps.size === 0) this.dependents.delete(uid);
    }
    this.owners.delete(id);
  }

  dependentsOf(uid: string): ItemRef[] {
    return [...(this.dependents.get(uid)?.values() ?? [])];
  }
}
