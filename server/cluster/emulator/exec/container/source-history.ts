/**
 * Past versions of ConfigMaps and Secrets, so that a container's environment is what it was when the
 * container started (the kubelet resolves it then), however the objects changed since. Volumes follow
 * the live objects, as the kubelet's periodic sync makes them do.
 */
import type { Clock } from '../../clock.ts';
import type { StoredObject } from '../../meta/types.ts';
import type { ObjectStore, StoreEvent } from '../../storage/object-store.ts';

/** Versions kept per object; older ones are forgotten (a container that old sees the oldest kept). */
const KEEP = 16;

interface Version {
  /** When this version replaced the previous one (clock time, ms). */
  since: number;
  /** undefined: the object did not exist from `since` on. */
  object: StoredObject | undefined;
  /** On the first version recorded: the object before it, for containers started before any change seen. */
  previousObject?: StoredObject;
}

export class SourceHistory {
  private readonly versions = new Map<string, Version[]>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = store.subscribe((e) => this.record(e));
  }

  /** The object as it was at `at` (ms); the live object when nothing older is known. */
  at(resource: 'configmaps' | 'secrets', namespace: string, name: string, at: number): StoredObject | undefined {
    const list = this.versions.get(`${resource}/${namespace}/${name}`);
    const live = this.store.get({ group: '', resource }, namespace, name);
    if (!list || list.length === 0) return live;
    let found: Version | undefined;
    for (const v of list) if (v.since <= at) found = v;
    if (found) return found.object;
    // Every change recorded happened after `at`: the object as it was before the first of them.
    const first = list[0]!;
    return first.previousObject ?? (first.object && first.object.metadata.resourceVersion === live?.metadata.resourceVersion ? live : first.object);
  }

  close(): void {
    this.unsubscribe();
  }

  private record(e: StoreEvent): void {
    if (e.key.group !== '' || (e.key.resource !== 'configmaps' && e.key.resource !== 'secrets')) return;
    const key = `${e.key.resource}/${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
    let list = this.versions.get(key);
    if (!list) {
      list = [];
      this.versions.set(key, list);
    }
    const entry: Version = { since: this.clock.now(), object: e.type === 'DELETED' ? undefined : e.object };
    // Remember what the object was before its first recorded change, for containers started before it.
    if (list.length === 0 && e.previous) entry.previousObject = e.previous;
    list.push(entry);
    if (list.length > KEEP) list.shift();
  }
}
