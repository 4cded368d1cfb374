/**
 * One watch that keeps itself open: started from a list's resourceVersion (no burst of ADDED events),
 * resumed from the last version seen when the server closes it, restarted with exponential back-off
 * (capped) when it fails, and catching up (one `onChange`) after a gap. `stop` ends it for good.
 */
import type { Clock } from '../clock.ts';
import type { WatchHandle } from './kube-api.ts';

export interface WatchSource {
  /** The resourceVersion to watch from (of a fresh list). */
  startVersion(): Promise<string | undefined>;
  open(resourceVersion: string | undefined, onEvent: (type: string, object: unknown) => void, done: (error: unknown) => void): Promise<WatchHandle>;
}

export interface ResilientWatchOptions {
  clock: Clock;
  onChange: () => void;
  onError?: (error: unknown) => void;
  /** First delay after a failure (default 250 ms), doubled each time up to `maxDelayMs` (default 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Errors retried at `baseDelayMs * 8` at most, whatever the count (a kind not installed yet). */
  retrySoon?: (error: unknown) => boolean;
}

interface Versioned {
  metadata?: { resourceVersion?: string };
  code?: number;
}

export function resilientWatch(source: WatchSource, opts: ResilientWatchOptions): () => void {
  const { clock } = opts;
  const base = opts.baseDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 30_000;
  let stopped = false;
  let handle: WatchHandle | undefined;
  let timer: unknown;
  let failures = 0;
  let version: string | undefined;
  let catchUp = false;

  const schedule = (ms: number) => {
    timer = clock.setTimeout(() => {
      timer = undefined;
      void open();
    }, ms);
  };

  const ended = (error: unknown, startedAt: number) => {
    handle = undefined;
    if (stopped) return;
    if (!error && clock.now() - startedAt >= 1000) {
      schedule(0); // the server closed a healthy watch: resume from the last version
      return;
    }
    failures++;
    catchUp = true;
    opts.onError?.(error ?? new Error('the watch ended at once'));
    const cap = opts.retrySoon?.(error) ? Math.min(max, base * 8) : max;
    schedule(Math.min(cap, base * 2 ** (failures - 1)));
  };

  const open = async () => {
    if (stopped) return;
    const startedAt = clock.now();
    let failed: unknown;
    try {
      version ??= await source.startVersion();
      if (stopped) return;
      let finished = false;
      const onEvent = (type: string, object: unknown) => {
        if (stopped) return;
        const o = object as Versioned | undefined;
        if (type === 'ERROR') {
          if (o?.code === 410) version = undefined; // too old: start again from a list
          failed = new Error(`watch error${o?.code ? ` ${o.code}` : ''}`);
          return;
        }
        if (o?.metadata?.resourceVersion) version = o.metadata.resourceVersion;
        failures = 0;
        if (type !== 'BOOKMARK') opts.onChange();
      };
      const h = await source.open(version, onEvent, (error) => {
        if (finished) return;
        finished = true;
        ended(error ?? failed, startedAt);
      });
      if (stopped || finished) {
        h.abort();
        return;
      }
      handle = h;
      if (catchUp) {
        catchUp = false;
        opts.onChange();
      }
    } catch (e) {
      if (e && typeof e === 'object' && (e as { statusCode?: number }).statusCode === 410) version = undefined;
      ended(e, startedAt);
    }
  };

  void open();
  return () => {
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
    handle?.abort();
    handle = undefined;
  };
}
