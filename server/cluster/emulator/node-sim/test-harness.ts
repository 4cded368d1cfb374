/** Test support: an emulated cluster on a manual clock, with helpers to create objects and let time pass. */
import { createBootstrapObjects } from '../bootstrap/apply.ts';
import { EmulatedCluster } from '../cluster.ts';
import { ManualClock } from '../clock.ts';
import type { Controller } from '../controllers/types.ts';
import { ManualDefer } from '../controllers/work-queue.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

export class Harness {
  readonly clock = new ManualClock(T0);
  readonly defer = new ManualDefer();
  readonly cluster: EmulatedCluster;

  constructor(controllers: Controller[] = []) {
    this.cluster = new EmulatedCluster({ clock: this.clock, defer: this.defer.defer, controllers, ringSize: 100_000 });
  }

  def(kind: string): ResourceDef {
    const d = this.cluster.registry.all().find((x) => x.kind === kind && (kind !== 'Event' || x.group === ''));
    if (!d) throw new Error(`no kind ${kind}`);
    return d;
  }

  create(obj: KubeObject): StoredObject {
    const def = this.cluster.registry.all().find((d) => d.kind === obj.kind && `${d.group ? `${d.group}/` : ''}${d.version}` === obj.apiVersion);
    if (!def) throw new Error(`no definition for ${obj.apiVersion} ${obj.kind}`);
    const created = this.cluster.api.create(def, obj.metadata.namespace, obj).object;
    this.defer.settle();
    return created;
  }

  /** Creates objects (with their status, as their owners would), ignoring ones that already exist. */
  createAll(objects: KubeObject[]): void {
    createBootstrapObjects(this.cluster.api, this.cluster.registry, objects);
    this.defer.settle();
  }

  start(): this {
    this.cluster.start();
    this.defer.settle();
    return this;
  }

  /** Lets `ms` pass in steps, running deferred work after every step, as the real event loop would. */
  run(ms: number, step = 100): void {
    this.defer.settle();
    let left = ms;
    while (left > 0) {
      const d = Math.min(step, left);
      this.clock.advance(d);
      this.defer.settle();
      left -= d;
    }
  }

  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.cluster.store.get(this.def(kind).storage, namespace, name);
  }

  list(kind: string, namespace?: string): StoredObject[] {
    return this.cluster.store.list(this.def(kind).storage, namespace);
  }

  /** Events about an object, oldest first, as `Type Reason Message`. */
  events(name: string, namespace = 'default'): string[] {
    return this.list('Event', namespace)
      .filter((e) => (e.involvedObject as { name?: string }).name === name)
      .sort((a, b) => {
        const nanos = (e: StoredObject) => BigInt(`0x${e.metadata.name.split('.').pop()}`);
        return nanos(a) < nanos(b) ? -1 : nanos(a) > nanos(b) ? 1 : 0;
      })
      .map((e) => `${e.type as string} ${e.reason as string} ${e.message as string}`);
  }
}

export const pod = (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...meta },
  spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', ...spec },
  status: { phase: 'Pending' },
});
