import type { Clock } from '../clock.ts';
import type { Defer } from './types.ts';

/**
 * Keys waiting to be reconciled, as client-go's work queue: a key queued twice before it is
 * processed is processed once; processing happens deferred, never inside the write that queued it.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private readonly timers = new Map<string, () => void>();
  private stopped = false;

  constructor(
    private readonly process: (key: string) => void,
    private readonly defer: Defer,
    private readonly clock: Clock,
    private readonly onError: (key: string, error: unknown) => void = (key, e) => console.error(`reconcile ${key}:`, e),
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(() => this.drain());
    }
  }

  /** Queues the key after `ms` (a requeue for a timed transition); a later call replaces an earlier one. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    this.timers.get(key)?.();
    const cancel = this.clock.setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    this.timers.set(key, cancel);
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.pending.clear();
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        this.process(key);
      } catch (e) {
        this.onError(key, e);
      }
    }
  }
}

/** A Defer for tests: nothing runs until `settle()`, which runs everything queued, including what that queues. */
export class ManualDefer {
  private queue: (() => void)[] = [];
  readonly defer = (fn: () => void): void => {
    this.queue.push(fn);
  };

  /** Runs deferred work until none is left; throws if it never settles (a controller loop). */
  settle(maxRounds = 10_000): void {
    let rounds = 0;
    while (this.queue.length > 0) {
      if (++rounds > maxRounds) throw new Error('controllers did not settle: a reconcile keeps queueing work');
      const fn = this.queue.shift()!;
      fn();
    }
  }
}

export const immediateDefer: Defer = (fn) => {
  setImmediate(fn);
};
