/**
 * The event recorder of the emulated control plane, shared by every controller, the scheduler and the
 * simulated kubelet. It writes core/v1 Events through the ResourceApi as client-go's recorder does:
 * named `<object>.<nanoseconds in hex>`, in the object's namespace (`default` for cluster-scoped ones),
 * counted and aggregated by the correlator. Write failures drop the event, as upstream's sink does.
 *
 * Two styles exist upstream and both are offered: `core` (client-go `tools/record`: source, first/last
 * timestamps, count; used by controllers and the kubelet) and `events` (client-go `tools/events`, the
 * events.k8s.io recorder the scheduler uses: eventTime, action, series, no source or count).
 */
import type { ResourceApi } from '../apiserver/resource-api.ts';
import type { Clock } from '../clock.ts';
import { formatMicroTime, formatTime } from '../meta/time.ts';
import type { StoredObject } from '../meta/types.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { isAlreadyExists, isNotFound } from './shared/api.ts';
import { clone } from './shared/objects.ts';
import { defOf } from './shared/resources.ts';
import type { ObjectReference } from './shared/types.ts';
import { EventCorrelator, Lru, type CoreEvent } from './events/correlator.ts';
import { eventName } from './events/names.ts';

export type EventType = 'Normal' | 'Warning';

export interface RecorderContext {
  api: ResourceApi;
  store: ObjectStore;
  clock: Clock;
  registry: Registry;
}

export interface RecorderOptions {
  /** `source.component` / `reportingController`, e.g. `deployment-controller`, `kubelet`, `default-scheduler`. */
  component: string;
  /** `source.host` (the kubelet's node name); also the reporting instance in the core style. */
  host?: string;
  /** `core` (default) or `events` (events.k8s.io recorder, as the scheduler uses). */
  style?: 'core' | 'events';
  /** events style: `reportingInstance`, e.g. `default-scheduler-ip-10-0-1-5`. */
  reportingInstance?: string;
}

export interface EventDetails {
  /** `involvedObject.fieldPath`, e.g. `spec.containers{nginx}` for kubelet container events. */
  fieldPath?: string;
  /** events style: `action` (e.g. `Scheduling`, `Binding`). */
  action?: string;
}

/** Events are kept for an hour after their last update (kube-apiserver's --event-ttl). */
export const EVENT_TTL_MS = 60 * 60 * 1000;
const SERIES_WINDOW_MS = 6 * 60 * 1000;
const SERIES_FLUSH_MS = 30 * 60 * 1000;

/** The reference an event holds to what it is about (`ref.GetReference`). */
export function referenceTo(obj: StoredObject | ObjectReference, fieldPath?: string): ObjectReference {
  const o = obj as StoredObject;
  const ref: ObjectReference = 'metadata' in o && o.metadata
    ? {
        kind: o.kind,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        name: o.metadata.name,
        uid: o.metadata.uid,
        apiVersion: o.apiVersion,
        resourceVersion: o.metadata.resourceVersion,
      }
    : { ...(obj as ObjectReference) };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

export class EventRecorder {
  private readonly def: ResourceDef;
  private readonly correlator: EventCorrelator;
  private readonly series = new Lru<{ name: string; namespace: string; count: number; last: number; flushed: boolean }>();

  constructor(
    private readonly ctx: RecorderContext,
    readonly options: RecorderOptions,
  ) {
    this.def = defOf(ctx.registry, 'events');
    this.correlator = new EventCorrelator(ctx.clock, (n) => eventName(n, ctx.clock.now()), formatTime);
  }

  /** Records an event about `obj`. Never throws: a failed write only loses the event. */
  event(obj: StoredObject | ObjectReference, type: EventType, reason: string, message: string, details: EventDetails = {}): void {
    try {
      if (this.options.style === 'events') this.recordSeries(referenceTo(obj, details.fieldPath), type, reason, message, details);
      else this.recordCore(referenceTo(obj, details.fieldPath), type, reason, message);
    } catch {
      // An event the API refuses is dropped, as client-go's sink gives up on it.
    }
  }

  private recordCore(ref: ObjectReference, type: EventType, reason: string, message: string): void {
    const now = this.ctx.clock.now();
    const stamp = formatTime(now);
    const incoming: CoreEvent = {
      metadata: { name: eventName(ref.name ?? '', now), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.options.component, ...(this.options.host ? { host: this.options.host } : {}) },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      reportingComponent: this.options.component,
      reportingInstance: this.options.host ?? '',
    };
    const { event, update, skip, cacheKey } = this.correlator.correlate(incoming);
    if (skip) return;
    const stored = update ? this.patchCounted(event) : this.createCore(event);
    if (stored) this.correlator.remember(cacheKey, stored);
  }

  private createCore(event: CoreEvent): CoreEvent | undefined {
    const { resourceVersion: _rv, ...metadata } = event.metadata;
    const body = { apiVersion: 'v1', kind: 'Event', ...clone(event), metadata, eventTime: null };
    try {
      return this.ctx.api.create(this.def, metadata.namespace, body).object as unknown as CoreEvent;
    } catch (e) {
      if (isAlreadyExists(e)) return undefined;
      throw e;
    }
  }

  /** The event exists: bump count, lastTimestamp and message (or create it again if it expired). */
  private patchCounted(event: CoreEvent): CoreEvent | undefined {
    const current = this.ctx.store.get(this.def.storage, event.metadata.namespace, event.metadata.name);
    if (!current) return this.createCore(event);
    const next = { ...clone(current), count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    try {
      return this.ctx.api.update(this.def, event.metadata.namespace, event.metadata.name, next).object as unknown as CoreEvent;
    } catch (e) {
      if (isNotFound(e)) return this.createCore(event);
      throw e;
    }
  }

  /** events.k8s.io semantics: a repeat within 6 minutes turns the first event into a series. */
  private recordSeries(ref: ObjectReference, type: EventType, reason: string, message: string, details: EventDetails): void {
    const now = this.ctx.clock.now();
    const k = [ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, details.action, reason, type, this.options.component].join('\u0000');
    const known = this.series.get(k);
    if (known && now - known.last <= SERIES_WINDOW_MS) {
      known.count++;
      known.last = now;
      this.series.set(k, known);
      // The first repeat is written at once; later ones are flushed with the series heartbeat.
      if (!known.flushed) {
        known.flushed = true;
        this.writeSeries(known);
        this.ctx.clock.setTimeout(() => this.writeSeries(known), SERIES_FLUSH_MS);
      }
      return;
    }
    const name = eventName(ref.name ?? '', now);
    const namespace = ref.namespace || 'default';
    const body = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: formatMicroTime(now),
      ...(details.action ? { action: details.action } : {}),
      reportingComponent: this.options.component,
      reportingInstance: this.options.reportingInstance ?? '',
    };
    try {
      this.ctx.api.create(this.def, namespace, body);
      this.series.set(k, { name, namespace, count: 1, last: now, flushed: false });
    } catch {
      // dropped
    }
  }

  private writeSeries(s: { name: string; namespace: string; count: number; last: number }): void {
    const current = this.ctx.store.get(this.def.storage, s.namespace, s.name);
    if (!current) return;
    const next = { ...clone(current), series: { count: s.count, lastObservedTime: formatMicroTime(s.last) } };
    try {
      this.ctx.api.update(this.def, s.namespace, s.name, next);
    } catch {
      // dropped
    }
  }
}

export function createEventRecorder(ctx: RecorderContext, options: RecorderOptions): EventRecorder {
  return new EventRecorder(ctx, options);
}
