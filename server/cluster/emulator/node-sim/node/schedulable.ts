/**
 * What follows `kubectl cordon` / `uncordon` (a change of `spec.unschedulable`) on a real cluster: the node
 * controller adds or removes the `node.kubernetes.io/unschedulable:NoSchedule` taint, and the node's
 * kubelet reports NodeNotSchedulable or NodeSchedulable.
 */
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { ApiError } from '../../meta/errors.ts';
import { formatTime } from '../../meta/time.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { EventSink } from '../events.ts';
import { list, rec, type Json } from '../json.ts';
import type { ResolvedOptions } from '../options.ts';
import { simResources, type SimResources } from '../resources.ts';

export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

const cordoned = (node: StoredObject | undefined) => rec(rec(node).spec).unschedulable === true;
const tainted = (node: StoredObject) => list(rec(node.spec).taints).some((t) => t.key === UNSCHEDULABLE_TAINT && t.effect === 'NoSchedule');

export class NodeSchedulability implements Controller {
  readonly name = 'node-schedulability';
  private ctx!: ControllerContext;
  private r!: SimResources;
  private events!: EventSink;

  constructor(private readonly o: ResolvedOptions) {}

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.r = simResources(ctx);
    this.events = this.o.events(ctx);
    const unsubscribe = ctx.store.subscribe((e) => {
      if (e.key.group !== '' || e.key.resource !== 'nodes' || e.type === 'DELETED') return;
      const name = e.object.metadata.name;
      if (e.type === 'MODIFIED' && cordoned(e.object) !== cordoned(e.previous)) {
        const status = cordoned(e.object) ? 'NodeNotSchedulable' : 'NodeSchedulable';
        this.events.emit({ regarding: e.object, type: 'Normal', reason: status, message: `Node ${name} status is now: ${status}`, source: { component: 'kubelet', host: name } });
      }
      if (cordoned(e.object) !== tainted(e.object)) ctx.defer(() => this.syncTaint(name));
    });
    for (const node of ctx.store.list(this.r.nodes.storage)) if (cordoned(node) !== tainted(node)) this.syncTaint(node.metadata.name);
    return unsubscribe;
  }

  private syncTaint(name: string): void {
    const node = this.ctx.store.get(this.r.nodes.storage, undefined, name);
    if (!node || cordoned(node) === tainted(node)) return;
    const spec: Json = { ...rec(node.spec) };
    const others = list(spec.taints).filter((t) => t.key !== UNSCHEDULABLE_TAINT);
    const taints = cordoned(node) ? [...others, { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: formatTime(this.ctx.clock.now()) }] : others;
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    try {
      this.ctx.api.update(this.r.nodes, undefined, name, { ...node, spec } as KubeObject);
    } catch (e) {
      // A write that raced ours: the event it causes brings us back.
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
  }
}
