import type { ObjectStore, StoreEvent } from '../cluster/emulator/storage/object-store.ts';
import { storageKey } from '../cluster/emulator/storage/object-store.ts';
import type { ClusterRecords, ObjectChange } from './cluster-records.ts';

/**
 * Writes a cluster's changes to the store behind its back: changes are coalesced per object and
 * flushed in one transaction shortly after they happen, so a burst of controller writes costs one commit.
 */
export class ClusterPersistence {
  private readonly dirty = new Map<string, ObjectChange>();
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly records: ClusterRecords,
    private readonly clusterId: string,
    private readonly store: ObjectStore,
    private readonly delayMs = 50,
  ) {
    this.unsubscribe = store.subscribe((e) => this.record(e));
  }

  /** Writes whatever is pending now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty.size === 0) return;
    const changes = [...this.dirty.values()];
    this.dirty.clear();
    this.records.applyChanges(this.clusterId, this.store.resourceVersion, changes);
  }

  /** Stops following the cluster, after writing what is pending. */
  close(): void {
    this.unsubscribe();
    this.flush();
  }

  private record(e: StoreEvent): void {
    const namespace = e.object.metadata.namespace ?? '';
    const name = e.object.metadata.name;
    this.dirty.set(`${storageKey(e.key)}/${namespace}/${name}`, {
      key: e.key,
      namespace,
      name,
      object: e.type === 'DELETED' ? null : e.object,
    });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
      this.timer.unref();
    }
  }
}
