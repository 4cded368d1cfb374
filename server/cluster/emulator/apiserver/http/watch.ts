import type { ServerResponse } from 'node:http';
import { ApiError } from '../../meta/errors.ts';
import type { StoredObject } from '../../meta/types.ts';
import { gvString, type ResourceDef } from '../../registry/types.ts';
import { matchesFilter, type StoreEvent } from '../../storage/object-store.ts';
import type { ResourceApi } from '../resource-api.ts';
import { baseHeaders } from './respond.ts';

export interface WatchOptions {
  namespace: string | undefined;
  labelSelector?: string;
  fieldSelector?: string;
  /** '' or '0': start with the current state as ADDED events; a number: changes after it. */
  resourceVersion: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  bookmarkIntervalMs?: number;
  /** Encodes an object for the wire (a one-row Table for `kubectl get -w`). */
  encode: (obj: StoredObject, first: boolean) => unknown;
  /** Empty watches wait this long at most when no timeout is asked (upstream: 30–60 min). */
  maxDurationMs?: number;
}

/** Writes beyond this many bytes buffered for a slow client end its watch, as kube-apiserver drops slow watchers. */
const MAX_BUFFERED = 8 * 1024 * 1024;

type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * Streams watch events as kube-apiserver does: one JSON object per line, with events for objects
 * entering or leaving the selectors, replay from a resourceVersion (410 Expired when too old),
 * bookmarks and timeoutSeconds.
 */
export function serveWatch(api: ResourceApi, def: ResourceDef, res: ServerResponse, opts: WatchOptions): void {
  const filter = api.filter(def, opts);
  const storeFilter = { key: def.storage, ...(def.namespaced && opts.namespace !== undefined ? { namespace: opts.namespace } : {}) };
  let first = true;
  let closed = false;

  res.writeHead(200, { ...baseHeaders(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const send = (type: WatchType, object: unknown) => {
    if (closed) return;
    res.write(`${JSON.stringify({ type, object })}\n`);
    if (res.writableLength > MAX_BUFFERED) stop();
  };
  const sendObject = (type: WatchType, obj: StoredObject) => {
    send(type, opts.encode(api.converter.fromStorage(def, obj), first));
    first = false;
  };

  const onEvent = (e: StoreEvent) => {
    if (!matchesFilter(e, storeFilter)) return;
    const now = filter(e.object);
    const before = e.previous !== undefined && e.type !== 'ADDED' ? filter(e.previous) : false;
    if (e.type === 'DELETED') {
      if (before || now) sendObject('DELETED', e.object);
    } else if (now && before) sendObject('MODIFIED', e.object);
    else if (now) sendObject('ADDED', e.object);
    else if (before) sendObject('DELETED', e.object);
  };

  // Replay and subscription happen in the same tick: no change can fall between them.
  const rv = opts.resourceVersion;
  try {
    if (rv === '' || rv === '0') {
      for (const obj of api.store.list(def.storage, storeFilter.namespace)) if (filter(obj)) sendObject('ADDED', obj);
    } else {
      const since = Number(rv);
      if (!Number.isInteger(since) || since < 0) throw new ApiError(400, 'BadRequest', `invalid resource version: ${rv}`);
      for (const e of api.store.changesSince(since, storeFilter)) onEvent(e);
    }
  } catch (err) {
    if (err instanceof ApiError) {
      send('ERROR', err.toStatus());
      res.end();
      return;
    }
    throw err;
  }
  const unsubscribe = api.store.subscribe(onEvent);

  const timers: NodeJS.Timeout[] = [];
  const duration = opts.timeoutSeconds !== undefined ? opts.timeoutSeconds * 1000 : (opts.maxDurationMs ?? 30 * 60_000);
  timers.push(setTimeout(stop, duration));
  if (opts.allowBookmarks) {
    const every = opts.bookmarkIntervalMs ?? 60_000;
    timers.push(
      setInterval(() => {
        send('BOOKMARK', {
          kind: def.kind,
          apiVersion: gvString(def),
          metadata: { resourceVersion: String(api.store.resourceVersion), creationTimestamp: null },
        });
      }, every),
    );
  }
  for (const t of timers) t.unref();
  res.on('close', stop);

  function stop() {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.end();
  }
}
