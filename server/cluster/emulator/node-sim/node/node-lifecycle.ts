/**
 * Node heartbeats and the node controller: every simulated node holds a Lease in kube-node-lease renewed on
 * the clock and refreshes its conditions' heartbeat every five minutes; a stopped node (`stopNode`) stops
 * both, and after the monitor grace period the node controller marks it Unknown, taints it unreachable, marks
 * its pods not ready and, once their toleration runs out, evicts them. `startNode` brings it back.
 */
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { ApiError } from '../../meta/errors.ts';
import { formatMicroTime, formatTime } from '../../meta/time.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { EventSink } from '../events.ts';
import { list, rec, str, type Json } from '../json.ts';
import type { ResolvedOptions } from '../options.ts';
import { hash53 } from '../random.ts';
import { simResources, type SimResources } from '../resources.ts';

const LEASE_NAMESPACE = 'kube-node-lease';
const LEASE_DURATION_SECONDS = 40;
const HEARTBEAT_MS = 5 * 60 * 1000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const REGISTRATION_EVENTS_WITHIN_MS = 60_000;

interface NodeTimers {
  lease?: () => void;
  monitor?: () => void;
  evictions: (() => void)[];
  lastHeartbeat: number;
}

export class NodeLifecycle implements Controller {
  readonly name = 'node-lifecycle';
  private ctx!: ControllerContext;
  private r!: SimResources;
  private events!: EventSink;
  private readonly timers = new Map<string, NodeTimers>();

  constructor(
    private readonly o: ResolvedOptions,
    private readonly stopped: Set<string>,
    private readonly onNodeBack: (node: string) => void,
  ) {}

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.r = simResources(ctx);
    this.events = this.o.events(ctx);
    const unsubscribe = ctx.store.subscribe((e) => {
      if (e.key.group !== '' || e.key.resource !== 'nodes') return;
      if (e.type === 'ADDED') ctx.defer(() => this.adopt(e.object.metadata.name));
      if (e.type === 'DELETED') this.forget(e.object.metadata.name);
    });
    for (const node of ctx.store.list(this.r.nodes.storage)) this.adopt(node.metadata.name);
    return () => {
      unsubscribe();
      for (const name of [...this.timers.keys()]) this.forget(name);
    };
  }

  private node(name: string): StoredObject | undefined {
    return this.ctx.store.get(this.r.nodes.storage, undefined, name);
  }

  private adopt(name: string): void {
    const node = this.node(name);
    if (!node || this.timers.has(name)) return;
    this.timers.set(name, { evictions: [], lastHeartbeat: this.ctx.clock.now() });
    const fresh = this.ctx.clock.now() - (Date.parse(node.metadata.creationTimestamp) || 0) < REGISTRATION_EVENTS_WITHIN_MS;
    if (fresh && !this.stopped.has(name)) this.registrationEvents(node);
    if (this.stopped.has(name)) this.scheduleMonitor(name);
    else this.renew(name);
  }

  private forget(name: string): void {
    const t = this.timers.get(name);
    if (!t) return;
    t.lease?.();
    t.monitor?.();
    for (const cancel of t.evictions) cancel();
    this.timers.delete(name);
  }

  private registrationEvents(node: StoredObject): void {
    const name = node.metadata.name;
    const kubelet = { component: 'kubelet', host: name };
    const status = (s: string) => `Node ${name} status is now: ${s}`;
    const emit = (reason: string, message: string, source: { component: string; host?: string }, type: 'Normal' | 'Warning' = 'Normal') =>
      this.events.emit({ regarding: node, type, reason, message, source });
    emit('Starting', 'Starting kubelet.', kubelet);
    emit('InvalidDiskCapacity', 'invalid capacity 0 on image filesystem', kubelet, 'Warning');
    emit('NodeHasSufficientMemory', status('NodeHasSufficientMemory'), kubelet);
    emit('NodeHasNoDiskPressure', status('NodeHasNoDiskPressure'), kubelet);
    emit('NodeHasSufficientPID', status('NodeHasSufficientPID'), kubelet);
    emit('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', kubelet);
    emit('Synced', 'Node synced successfully', { component: 'cloud-node-controller' });
    emit('RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, { component: 'node-controller' });
    emit('NodeReady', status('NodeReady'), kubelet);
  }

  /** Renews the lease (and every five minutes the node's heartbeat), then schedules the next renewal. */
  private renew(name: string): void {
    const t = this.timers.get(name);
    if (!t || this.stopped.has(name)) return;
    const node = this.node(name);
    if (!node) return;
    const now = this.ctx.clock.now();
    this.writeLease(node, now);
    if (now - t.lastHeartbeat >= HEARTBEAT_MS) {
      t.lastHeartbeat = now;
      this.writeConditions(node, (c) => ({ ...c, lastHeartbeatTime: formatTime(now) }));
    }
    const period = this.o.leaseRenewSeconds * 1000;
    // Nodes renew out of step with each other, as real kubelets started at different times do.
    const jitter = (hash53(`${name}|${Math.floor(now / period)}`) % 2000) - 1000;
    t.lease = this.ctx.clock.setTimeout(() => this.renew(name), Math.max(1000, period + jitter));
  }

  private writeLease(node: StoredObject, now: number): void {
    const name = node.metadata.name;
    const current = this.ctx.store.get(this.r.leases.storage, LEASE_NAMESPACE, name);
    const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: formatMicroTime(now) };
    try {
      if (current) this.ctx.api.update(this.r.leases, LEASE_NAMESPACE, name, { ...current, spec: { ...rec(current.spec), ...spec } } as KubeObject);
      else {
        this.ctx.api.create(this.r.leases, LEASE_NAMESPACE, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace: LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] },
          spec,
        });
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private writeConditions(node: StoredObject, change: (c: Json) => Json, extra: (n: StoredObject) => StoredObject = (n) => n): StoredObject | undefined {
    const conditions = list(rec(node.status).conditions).map(change);
    try {
      return this.ctx.api.update(this.r.nodes, undefined, node.metadata.name, { ...extra(node), status: { ...rec(node.status), conditions } } as KubeObject, {
        subresource: 'status',
      }).object;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return undefined;
    }
  }

  /** The simulated instance stops: its kubelet falls silent. */
  stopNode(name: string): void {
    if (this.stopped.has(name)) return;
    this.stopped.add(name);
    const t = this.timers.get(name);
    t?.lease?.();
    if (t) this.scheduleMonitor(name);
  }

  private scheduleMonitor(name: string): void {
    const t = this.timers.get(name)!;
    t.monitor?.();
    t.monitor = this.ctx.clock.setTimeout(() => this.markUnknown(name), this.o.nodeMonitorGracePeriodSeconds * 1000);
  }

  private markUnknown(name: string): void {
    const node = this.node(name);
    if (!node || !this.stopped.has(name)) return;
    const now = formatTime(this.ctx.clock.now());
    const updated = this.writeConditions(node, (c) =>
      c.status === 'Unknown'
        ? c
        : { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now },
    );
    const withTaints = this.setTaints(updated ?? node, [
      { key: UNREACHABLE, effect: 'NoSchedule' },
      { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now },
    ]);
    this.events.emit({ regarding: withTaints ?? node, type: 'Normal', reason: 'NodeNotReady', message: `Node ${name} status is now: NodeNotReady`, source: { component: 'node-controller' } });
    for (const pod of this.podsOn(name)) this.markPodNotReady(pod);
    this.scheduleEvictions(name);
  }

  private setTaints(node: StoredObject, add: Json[]): StoredObject | undefined {
    const current = this.node(node.metadata.name) ?? node;
    const kept = list(rec(current.spec).taints).filter((t) => t.key !== UNREACHABLE);
    const taints = [...kept, ...add];
    const spec = { ...rec(current.spec) };
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    try {
      return this.ctx.api.update(this.r.nodes, undefined, current.metadata.name, { ...current, spec } as KubeObject).object;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return undefined;
    }
  }

  private podsOn(node: string): StoredObject[] {
    return this.ctx.store.list(this.r.pods.storage).filter((p) => str(rec(p.spec).nodeName) === node);
  }

  private markPodNotReady(pod: StoredObject): void {
    const status = rec(pod.status);
    const conditions = list(status.conditions);
    const ready = conditions.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') return;
    const now = formatTime(this.ctx.clock.now());
    const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
    try {
      this.ctx.api.update(this.r.pods, pod.metadata.namespace, pod.metadata.name, { ...pod, status: { ...status, conditions: next } } as KubeObject, { subresource: 'status' });
      this.events.emit({ regarding: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', source: { component: 'node-controller' } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Pods go when their toleration of the unreachable taint runs out (300 s when they say nothing). */
  private scheduleEvictions(node: string): void {
    const t = this.timers.get(node);
    if (!t) return;
    for (const pod of this.podsOn(node)) {
      if (pod.metadata.deletionTimestamp) continue;
      const toleration = list(rec(pod.spec).tolerations).find(
        (tol) => (tol.key === UNREACHABLE || (!tol.key && tol.operator === 'Exists')) && (!tol.effect || tol.effect === 'NoExecute'),
      );
      if (toleration && toleration.tolerationSeconds === undefined) continue;
      const seconds = toleration ? Number(toleration.tolerationSeconds) : this.o.defaultTolerationSeconds;
      const uid = pod.metadata.uid;
      t.evictions.push(
        this.ctx.clock.setTimeout(() => {
          const current = this.ctx.store.get(this.r.pods.storage, pod.metadata.namespace, pod.metadata.name);
          if (!current || current.metadata.uid !== uid || !this.stopped.has(node) || current.metadata.deletionTimestamp) return;
          this.events.emit({ regarding: current, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, source: { component: 'taint-eviction-controller' } });
          try {
            this.ctx.api.delete(this.r.pods, pod.metadata.namespace, pod.metadata.name);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
        }, Math.max(0, seconds) * 1000),
      );
    }
  }

  /** The instance is running again: its kubelet reports Ready, the taints go, and its pods are synced. */
  startNode(name: string): void {
    if (!this.stopped.delete(name)) return;
    const t = this.timers.get(name);
    if (!t) return;
    t.monitor?.();
    for (const cancel of t.evictions.splice(0)) cancel();
    const node = this.node(name);
    if (node) {
      const now = this.ctx.clock.now();
      const time = formatTime(now);
      const healthy: Record<string, [string, string, string]> = {
        MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
      };
      const updated = this.writeConditions(node, (c) => {
        const h = healthy[str(c.type)];
        if (!h || c.status === h[0]) return { ...c, lastHeartbeatTime: time };
        return { ...c, status: h[0], reason: h[1], message: h[2], lastHeartbeatTime: time, lastTransitionTime: time };
      });
      this.setTaints(updated ?? node, []);
      this.events.emit({ regarding: node, type: 'Normal', reason: 'NodeReady', message: `Node ${name} status is now: NodeReady`, source: { component: 'kubelet', host: name } });
      t.lastHeartbeat = now;
    }
    this.renew(name);
    this.onNodeBack(name);
  }
}
