/**
 * What client-go's EventCorrelator does before an Event reaches the API: identical events are counted
 * on one object (count, lastTimestamp); more than 10 events differing only in message within 10 minutes
 * are folded into one "(combined from similar events): …" event; a source may burst 25 events about an
 * object, then gets one more every 5 minutes. Caches are LRUs of 4096 entries, per recorder.
 */
import type { Clock } from '../../clock.ts';

export const LRU_SIZE = 4096;
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_PER_MS = 1 / 300_000;

/** The fields of a core/v1 Event the correlator keys on. */
export interface CoreEvent {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  involvedObject: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: string;
  reportingComponent: string;
  reportingInstance: string;
}

/** A small LRU on a Map's insertion order. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size = LRU_SIZE) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

const join = (parts: (string | undefined)[]): string => parts.map((p) => p ?? '').join('\u0000');

/** Source, object, type, reason and message: events equal under this key are one event counted. */
export function eventKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return join([e.source.component, e.source.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message]);
}

function spamKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return join([e.source.component, e.source.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type]);
}

function aggregateKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return join([e.source.component, e.source.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type, e.reason, e.reportingComponent, e.reportingInstance]);
}

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
  resourceVersion?: string;
}

export interface Correlated {
  event: CoreEvent;
  /** True when the event already exists on the server and only count, lastTimestamp and message change. */
  update: boolean;
  /** Drop the event (spam filter). */
  skip: boolean;
  /** Key under which the server's answer is remembered. */
  cacheKey: string;
}

export class EventCorrelator {
  private readonly aggregates = new Lru<{ messages: Set<string>; last: number }>();
  private readonly observed = new Lru<Observation>();
  private readonly buckets = new Lru<{ tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly nameFor: (involvedName: string) => string,
    private readonly formatTime: (ms: number) => string,
  ) {}

  correlate(incoming: CoreEvent): Correlated {
    const now = this.clock.now();
    const { event: aggregated, cacheKey } = this.aggregate(incoming, now);
    const event = { ...aggregated, metadata: { ...aggregated.metadata } };
    const last = this.observed.get(cacheKey);
    const update = !!last && last.count > 0;
    if (last && update) {
      event.metadata.name = last.name;
      if (last.resourceVersion) event.metadata.resourceVersion = last.resourceVersion;
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
    }
    this.observed.set(cacheKey, { count: event.count, firstTimestamp: event.firstTimestamp, name: event.metadata.name, ...(event.metadata.resourceVersion ? { resourceVersion: event.metadata.resourceVersion } : {}) });
    return { event, update, skip: !this.accept(spamKey(event), now), cacheKey };
  }

  /** Remembers what the server stored, so the next occurrence updates it. */
  remember(cacheKey: string, stored: CoreEvent): void {
    this.observed.set(cacheKey, {
      count: stored.count,
      firstTimestamp: stored.firstTimestamp,
      name: stored.metadata.name,
      ...(stored.metadata.resourceVersion ? { resourceVersion: stored.metadata.resourceVersion } : {}),
    });
  }

  private aggregate(e: CoreEvent, now: number): { event: CoreEvent; cacheKey: string } {
    const aKey = aggregateKey(e);
    let record = this.aggregates.get(aKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { messages: new Set(), last: 0 };
    record.messages.add(e.message);
    record.last = now;
    this.aggregates.set(aKey, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) return { event: e, cacheKey: eventKey(e) };
    // Keep the set at its maximum size: forget one message.
    record.messages.delete(record.messages.values().next().value!);
    const stamp = this.formatTime(now);
    return {
      cacheKey: aKey,
      event: {
        metadata: { name: this.nameFor(e.involvedObject.name ?? ''), namespace: e.metadata.namespace },
        involvedObject: e.involvedObject,
        reason: e.reason,
        message: `(combined from similar events): ${e.message}`,
        source: e.source,
        firstTimestamp: stamp,
        lastTimestamp: stamp,
        count: 1,
        type: e.type,
        // The aggregate copy upstream builds carries no reporting fields.
        reportingComponent: '',
        reportingInstance: '',
      },
    };
  }

  /** Token bucket per source and object. */
  private accept(k: string, now: number): boolean {
    const b = this.buckets.get(k) ?? { tokens: SPAM_BURST, at: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) * SPAM_REFILL_PER_MS);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(k, b);
    return ok;
  }
}
