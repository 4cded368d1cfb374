import type { ResourceApi } from '../apiserver/resource-api.ts';
import type { Clock } from '../clock.ts';
import type { Registry } from '../registry/registry.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Runs work soon, outside the current call stack (production: setImmediate; tests: when the harness settles). */
export type Defer = (fn: () => void) => void;

/** What every controller of an emulated cluster works with. */
export interface ControllerContext {
  /** Writes go through the API's semantics (defaults, validation, generation, finalizers) as the control plane. */
  api: ResourceApi;
  /** Reads, and change notifications (`store.subscribe`). */
  store: ObjectStore;
  clock: Clock;
  registry: Registry;
  defer: Defer;
}

/** A reconcile loop of the emulated control plane or of a simulated kubelet. */
export interface Controller {
  readonly name: string;
  /** Starts watching; returns a function that stops it and cancels its timers. */
  start(ctx: ControllerContext): () => void;
}
