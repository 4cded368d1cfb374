/**
 * The skeleton every control loop here shares, as client-go's informer + work queue pattern: store
 * change events map to keys, keys are reconciled later (never inside the write that queued them), a
 * failed reconcile is retried with exponential backoff on the cluster's clock.
 */
import type { StoreEvent } from '../../storage/object-store.ts';
import type { Controller, ControllerContext } from '../types.ts';
import { WorkQueue } from '../work-queue.ts';
import { isConflict, isNotFound } from './api.ts';

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 1000 * 1000;

export abstract class ReconcileLoop implements Controller {
  abstract readonly name: string;
  protected ctx!: ControllerContext;
  protected queue!: WorkQueue;
  private failures = new Map<string, number>();
  private due = new Map<string, number>();

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.failures = new Map();
    this.due = new Map();
    this.queue = new WorkQueue((k) => this.run(k), ctx.defer, ctx.clock, () => {});
    this.setup();
    const unsubscribe = ctx.store.subscribe((e) => this.onEvent(e));
    for (const k of this.initialKeys()) this.queue.add(k);
    return () => {
      unsubscribe();
      this.queue.stop();
      this.teardown();
    };
  }

  /** Called once per start, before the first event (create recorders and caches here). */
  protected setup(): void {}
  protected teardown(): void {}
  /** Keys to reconcile at start, as an informer's initial list. */
  protected abstract initialKeys(): Iterable<string>;
  protected abstract onEvent(e: StoreEvent): void;
  protected abstract reconcile(key: string): void;

  protected now(): number {
    return this.ctx.clock.now();
  }

  /** Reconciles `key` again after `ms`, unless it is already due sooner (timed transitions). */
  protected requeueAfter(key: string, ms: number): void {
    const at = this.now() + Math.max(0, ms);
    const current = this.due.get(key);
    if (current !== undefined && current > this.now() && current <= at) return;
    this.due.set(key, at);
    this.queue.addAfter(key, Math.max(0, ms));
  }

  private run(key: string): void {
    const due = this.due.get(key);
    if (due !== undefined && due <= this.now()) this.due.delete(key);
    try {
      this.reconcile(key);
      this.failures.delete(key);
    } catch (e) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      if (!isConflict(e) && !isNotFound(e) && n === 1) console.error(`${this.name}: reconcile ${key}:`, e);
      this.requeueAfter(key, Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (n - 1)));
    }
  }
}
