/**
 * core/v1 Event (the storage version) ↔ events.k8s.io/v1 Event, as upstream's conversion maps them:
 * involvedObject ↔ regarding, message ↔ note, source ↔ deprecatedSource, firstTimestamp/lastTimestamp/count
 * ↔ deprecated*, reportingComponent ↔ reportingController; the rest carries over. Each side is also given
 * the zero values Go's encoder writes for fields without `omitempty`.
 */
import type { KubeObject } from '../meta/types.ts';
import { clone, isNil, isObj, type Json } from '../strategies/shared/json.ts';

const SHARED = ['eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type'] as const;

/** A core/v1 Event as a real server serializes it. */
export function coreEventShape(e: Json): Json {
  const out: Json = { ...e };
  if (!isObj(out.involvedObject)) out.involvedObject = {};
  if (!isObj(out.source)) out.source = {};
  for (const key of ['firstTimestamp', 'lastTimestamp', 'eventTime']) if (out[key] === undefined) out[key] = null;
  if (isNil(out.reportingComponent)) out.reportingComponent = '';
  if (isNil(out.reportingInstance)) out.reportingInstance = '';
  if (out.count === 0) delete out.count;
  return out;
}

/** An events.k8s.io/v1 Event as a real server serializes it. */
export function eventsEventShape(e: Json): Json {
  const out: Json = { ...e };
  if (out.eventTime === undefined) out.eventTime = null;
  if (!isObj(out.regarding)) out.regarding = {};
  if (!isObj(out.deprecatedSource)) out.deprecatedSource = {};
  for (const key of ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp']) if (out[key] === undefined) out[key] = null;
  for (const key of ['reportingController', 'reportingInstance', 'action', 'reason', 'note', 'type']) if (out[key] === '') delete out[key];
  if (out.deprecatedCount === 0) delete out.deprecatedCount;
  return out;
}

export function eventsToCore(obj: KubeObject): KubeObject {
  const e = clone(obj) as Json;
  const out: Json = { apiVersion: 'v1', kind: 'Event', metadata: e.metadata };
  out.involvedObject = e.regarding ?? {};
  if (!isNil(e.note)) out.message = e.note;
  out.source = e.deprecatedSource ?? {};
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  if (!isNil(e.deprecatedCount)) out.count = e.deprecatedCount;
  for (const key of SHARED) if (e[key] !== undefined) out[key] = e[key];
  out.reportingComponent = e.reportingController ?? '';
  return coreEventShape(out) as KubeObject;
}

export function coreToEvents(obj: KubeObject): KubeObject {
  const e = clone(obj) as Json;
  const out: Json = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: e.metadata };
  for (const key of SHARED) if (e[key] !== undefined) out[key] = e[key];
  if (!isNil(e.reportingComponent)) out.reportingController = e.reportingComponent;
  out.regarding = e.involvedObject ?? {};
  if (!isNil(e.message)) out.note = e.message;
  out.deprecatedSource = e.source ?? {};
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null;
  if (!isNil(e.count)) out.deprecatedCount = e.count;
  return eventsEventShape(out) as KubeObject;
}
