import { createAllocators } from './allocators.ts';
import { ResourceApi } from './apiserver/resource-api.ts';
import type { Converter, FieldManagers, Patcher, SchemaCheck, Strategies } from './apiserver/pieces.ts';
import { realClock, type Clock } from './clock.ts';
import type { Controller, ControllerContext, Defer } from './controllers/types.ts';
import { immediateDefer } from './controllers/work-queue.ts';
import { Registry } from './registry/registry.ts';
import { ObjectStore, type Snapshot } from './storage/object-store.ts';

export interface ClusterPieces {
  clock?: Clock;
  defer?: Defer;
  snapshot?: Snapshot;
  controllers?: Controller[];
  strategies?: Strategies;
  patcher?: Patcher;
  converter?: Converter;
  schemaCheck?: SchemaCheck;
  fieldManagers?: FieldManagers;
  /** Watch history kept for resuming watches. */
  ringSize?: number;
}

/** One emulated cluster: its objects, its API semantics and its control loops, all in this process. */
export class EmulatedCluster {
  readonly clock: Clock;
  readonly store: ObjectStore;
  readonly registry: Registry;
  readonly api: ResourceApi;
  private readonly controllers: Controller[];
  private readonly defer: Defer;
  private stops: (() => void)[] = [];

  constructor(pieces: ClusterPieces = {}) {
    this.clock = pieces.clock ?? realClock;
    this.defer = pieces.defer ?? immediateDefer;
    this.store = new ObjectStore(this.clock, pieces.ringSize ?? 1000, pieces.snapshot);
    this.registry = new Registry();
    this.api = new ResourceApi({
      store: this.store,
      registry: this.registry,
      clock: this.clock,
      allocate: createAllocators(this.store),
      ...(pieces.strategies ? { strategies: pieces.strategies } : {}),
      ...(pieces.patcher ? { patcher: pieces.patcher } : {}),
      ...(pieces.converter ? { converter: pieces.converter } : {}),
      ...(pieces.schemaCheck ? { schemaCheck: pieces.schemaCheck } : {}),
      ...(pieces.fieldManagers ? { fieldManagers: pieces.fieldManagers } : {}),
    });
    this.controllers = pieces.controllers ?? [];
  }

  get context(): ControllerContext {
    return { api: this.api, store: this.store, clock: this.clock, registry: this.registry, defer: this.defer };
  }

  start(): void {
    if (this.stops.length > 0) return;
    const ctx = this.context;
    this.stops = this.controllers.map((c) => c.start(ctx));
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  snapshot(): Snapshot {
    return { rv: this.store.resourceVersion, objects: [...this.store.entries()] };
  }
}
