/**
 * Event expiry: kube-apiserver stores events with an etcd lease of --event-ttl (1h), renewed by every
 * write, so an event disappears an hour after it last changed. Here a loop on the cluster clock deletes
 * each event an hour after the last change it saw (events found at start get an hour from their last
 * timestamp).
 */
import { parseTime } from '../../meta/time.ts';
import type { StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { ignoreNotFound } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { key, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import { EVENT_TTL_MS } from '../events.ts';

export class EventTtlController extends ReconcileLoop {
  readonly name = 'event-ttl';
  private expiry = new Map<string, number>();

  constructor(private readonly ttlMs = EVENT_TTL_MS) {
    super();
  }

  protected override setup(): void {
    this.expiry = new Map();
  }

  protected initialKeys(): string[] {
    const keys: string[] = [];
    for (const ev of this.ctx.store.list(storageOf('events'))) {
      const k = key(ev.metadata.namespace, ev.metadata.name);
      this.expiry.set(k, lastChange(ev) + this.ttlMs);
      keys.push(k);
    }
    return keys;
  }

  protected onEvent(e: StoreEvent): void {
    if (!sameKey(e.key, storageOf('events'))) return;
    const k = key(e.object.metadata.namespace, e.object.metadata.name);
    if (e.type === 'DELETED') {
      this.expiry.delete(k);
      return;
    }
    this.expiry.set(k, this.now() + this.ttlMs);
    this.requeueAfter(k, this.ttlMs);
  }

  protected reconcile(k: string): void {
    const at = this.expiry.get(k);
    if (at === undefined) return;
    if (at > this.now()) {
      this.requeueAfter(k, at - this.now());
      return;
    }
    const { namespace, name } = splitKey(k);
    this.expiry.delete(k);
    ignoreNotFound(() => this.ctx.api.delete(defOf(this.ctx.registry, 'events'), namespace, name));
  }
}

function lastChange(ev: StoredObject): number {
  const o = ev as StoredObject & { lastTimestamp?: string; eventTime?: string; series?: { lastObservedTime?: string } };
  return Math.max(
    parseTime(o.series?.lastObservedTime) ?? 0,
    parseTime(o.lastTimestamp) ?? 0,
    parseTime(o.eventTime) ?? 0,
    parseTime(ev.metadata.creationTimestamp) ?? 0,
  );
}
