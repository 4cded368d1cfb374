/** Events: upstream `printEvent`, for core/v1 Events and for events.k8s.io/v1 ones after their conversion to the same shape. */
import type { StoredObject } from '../meta/types.ts';
import { col, nameColumn, wide } from './columns.ts';
import { parseTimestamp, translateTimestampSince } from './duration.ts';
import { int, rec, str, type Json } from './fields.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** The fields `printEvent` reads, in core/v1 terms. */
interface EventView {
  involvedObject: Json;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  count: number;
  series?: Json;
  source: Json;
  reportingController: string;
  reportingInstance: string;
  type: string;
  reason: string;
  message: string;
}

/** events.k8s.io/v1 renames: regarding → involvedObject, note → message, deprecated* → the core fields (upstream's conversion). */
function view(ev: StoredObject): EventView {
  const v1 = ev.apiVersion === 'events.k8s.io/v1';
  const series = ev.series && typeof ev.series === 'object' ? rec(ev.series) : undefined;
  return {
    involvedObject: rec(v1 ? ev.regarding : ev.involvedObject),
    firstTimestamp: v1 ? ev.deprecatedFirstTimestamp : ev.firstTimestamp,
    lastTimestamp: v1 ? ev.deprecatedLastTimestamp : ev.lastTimestamp,
    eventTime: ev.eventTime,
    count: int(v1 ? ev.deprecatedCount : ev.count),
    ...(series ? { series } : {}),
    source: rec(v1 ? ev.deprecatedSource : ev.source),
    // core/v1 names the field reportingComponent in JSON.
    reportingController: str(v1 ? ev.reportingController : ev.reportingComponent),
    reportingInstance: str(ev.reportingInstance),
    type: str(ev.type),
    reason: str(ev.reason),
    message: str(v1 ? ev.note : ev.message),
  };
}

/** `formatEventSource`: `component, host`, falling back to the reporting controller and instance. */
function source(e: EventView): string {
  const component = str(e.source.component) || e.reportingController;
  const host = str(e.source.host) || e.reportingInstance;
  return host ? `${component}, ${host}` : component;
}

export const eventPrinter: TablePrinter = {
  columns: [
    col('Last Seen', 'string', 'core_v1.Event.lastTimestamp'),
    col('Type', 'string', 'core_v1.Event.type'),
    col('Reason', 'string', 'core_v1.Event.reason'),
    col('Object', 'string', 'core_v1.Event.involvedObject'),
    col('Subobject', 'string', 'core_v1.ObjectReference.fieldPath', wide),
    col('Source', 'string', 'core_v1.Event.source', wide),
    col('Message', 'string', 'core_v1.Event.message'),
    col('First Seen', 'string', 'core_v1.Event.firstTimestamp', wide),
    col('Count', 'string', 'core_v1.Event.count', wide),
    { ...nameColumn(), priority: 1 },
  ],
  cells(ev: StoredObject, ctx: PrintContext) {
    const e = view(ev);
    const first = parseTimestamp(e.firstTimestamp) !== undefined ? translateTimestampSince(e.firstTimestamp, ctx.now) : translateTimestampSince(e.eventTime, ctx.now);
    let last = parseTimestamp(e.lastTimestamp) !== undefined ? translateTimestampSince(e.lastTimestamp, ctx.now) : first;
    let n = e.count;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, ctx.now);
      n = int(e.series.count);
    } else if (n === 0) n = 1; // singleton events of the new API carry no count
    const kind = str(e.involvedObject.kind).toLowerCase();
    const name = str(e.involvedObject.name);
    return [last, e.type, e.reason, name ? `${kind}/${name}` : kind, str(e.involvedObject.fieldPath), source(e), e.message.trim(), first, n, ev.metadata.name];
  },
};
