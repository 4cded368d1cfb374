/**
 * kube-scheduler for one emulated cluster: binds pending pods of `default-scheduler` to nodes, one scheduling
 * cycle at a time in priority order; reports FailedScheduling with upstream's message; retries unschedulable pods
 * when the cluster changes (with per-pod back-off of 1 s doubling to 10 s) and at least every five minutes.
 */
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { WorkQueue } from '../../controllers/work-queue.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import type { EventSink } from '../events.ts';
import { rec, str, strMap } from '../json.ts';
import { podPriority } from '../pod-resources.ts';
import { simResources, type SimResources } from '../resources.ts';
import { bindPod, markUnschedulable, withCondition } from './binding.ts';
import { NO_NODES_MESSAGE, fitErrorMessage } from './fit-error.ts';
import { runFilters, type NodeStatus } from './filters.ts';
import { addPod, buildSnapshot, type NodeInfo } from './node-info.ts';
import { evaluatePreemption } from './preemption.ts';
import { scoreNodes, selectHost } from './scoring.ts';
import { delayedClaimsBound, planVolumes, SELECTED_NODE } from './volume-binding.ts';

export interface SchedulerOptions {
  /** Where events go; built once the controller starts. */
  events: (ctx: ControllerContext) => EventSink;
  /** `reportingInstance` of the scheduler's events, e.g. `default-scheduler-ip-10-0-1-2`. */
  instance: string;
}

const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 10_000;
const FLUSH_UNSCHEDULABLE_MS = 5 * 60 * 1000;
const CYCLE = 'cycle';

interface Failure {
  attempts: number;
  at: number;
  /** The cluster generation the pod failed against: retried when it moves on. */
  generation: number;
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  private ctx!: ControllerContext;
  private r!: SimResources;
  private events!: EventSink;
  private queue!: WorkQueue;
  private generation = 0;
  private readonly failures = new Map<string, Failure>();
  /** Pods placed on a node and waiting for their WaitForFirstConsumer claims before binding. */
  private readonly assumed = new Map<string, string>();
  private wake: (() => void) | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.r = simResources(ctx);
    this.events = this.options.events(ctx);
    this.queue = new WorkQueue(() => this.cycle(), ctx.defer, ctx.clock);
    const unsubscribe = ctx.store.subscribe((e) => this.observe(e));
    this.queue.add(CYCLE);
    return () => {
      unsubscribe();
      this.queue.stop();
      this.wake?.();
    };
  }

  private observe(e: StoreEvent): void {
    const k = `${e.key.group}/${e.key.resource}`;
    if (k === '/pods') {
      const pod = e.object;
      const was = e.previous;
      if (e.type === 'DELETED' || (isTerminal(pod) && !(was && isTerminal(was)))) {
        const held = Boolean(str(rec(pod.spec).nodeName)) || this.assumed.has(pod.metadata.uid);
        this.failures.delete(pod.metadata.uid);
        this.assumed.delete(pod.metadata.uid);
        if (held) this.changed();
        return;
      }
      if (!this.isPending(pod)) return;
      const f = this.failures.get(pod.metadata.uid);
      // A pending pod whose spec changed (tolerations added…) is tried again without waiting for the cluster.
      if (f && was && JSON.stringify(was.spec) !== JSON.stringify(pod.spec)) f.generation = -1;
      this.queue.add(CYCLE);
      return;
    }
    if (k === '/nodes') {
      if (e.type === 'DELETED' || !e.previous || nodeShapeChanged(e.previous, e.object)) this.changed();
      return;
    }
    if (k === '/persistentvolumeclaims' || k === '/persistentvolumes' || k === 'storage.k8s.io/storageclasses') this.changed();
  }

  private changed(): void {
    this.generation++;
    this.queue.add(CYCLE);
  }

  private isPending(pod: StoredObject): boolean {
    const spec = rec(pod.spec);
    return (
      !spec.nodeName &&
      !pod.metadata.deletionTimestamp &&
      (str(spec.schedulerName) || 'default-scheduler') === 'default-scheduler' &&
      !isTerminal(pod) &&
      !(Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0)
    );
  }

  private priority = (pod: StoredObject): number =>
    podPriority(pod, (name) => {
      const pc = this.ctx.store.get(this.r.priorityClasses.storage, undefined, name);
      return typeof pc?.value === 'number' ? pc.value : undefined;
    });

  /** One pass over every pending pod, most important and oldest first. */
  private cycle(): void {
    const now = this.ctx.clock.now();
    const allPods = this.ctx.store.list(this.r.pods.storage);
    const pending = allPods
      .filter((p) => this.isPending(p))
      .sort(
        (a, b) =>
          this.priority(b) - this.priority(a) ||
          a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
          a.metadata.name.localeCompare(b.metadata.name),
      );
    if (pending.length === 0) return;
    const nodes = this.ctx.store.list(this.r.nodes.storage);
    const infos = buildSnapshot(nodes, allPods, this.assumed);
    let nextWake = Infinity;
    for (const pod of pending) {
      const uid = pod.metadata.uid;
      const assumedNode = this.assumed.get(uid);
      if (assumedNode) {
        if (delayedClaimsBound(pod, this.ctx.store, this.r)) this.bind(pod, assumedNode);
        continue;
      }
      const f = this.failures.get(uid);
      if (f) {
        const backoffEnd = f.at + Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** (f.attempts - 1));
        const flushAt = f.at + FLUSH_UNSCHEDULABLE_MS;
        if (now < backoffEnd) {
          nextWake = Math.min(nextWake, f.generation === this.generation ? flushAt : backoffEnd);
          continue;
        }
        if (f.generation === this.generation && now < flushAt) {
          nextWake = Math.min(nextWake, flushAt);
          continue;
        }
      }
      this.scheduleOne(pod, infos);
    }
    this.setWake(nextWake);
  }

  private setWake(at: number): void {
    this.wake?.();
    this.wake = undefined;
    if (!Number.isFinite(at)) return;
    this.wake = this.ctx.clock.setTimeout(() => {
      this.wake = undefined;
      this.queue.add(CYCLE);
    }, Math.max(0, at - this.ctx.clock.now()));
  }

  private scheduleOne(pod: StoredObject, infos: NodeInfo[]): void {
    try {
      if (infos.length === 0) return this.fail(pod, NO_NODES_MESSAGE);
      const plan = planVolumes(pod, this.ctx.store, this.r);
      const statuses = new Map<string, NodeStatus>();
      const feasible: NodeInfo[] = [];
      if (plan.preFilter) {
        for (const info of infos) statuses.set(info.name, { code: 'UnschedulableAndUnresolvable', reasons: [plan.preFilter], plugin: 'VolumeBinding' });
      } else {
        for (const info of infos) {
          const status = runFilters(pod, info, plan.filter);
          if (status) statuses.set(info.name, status);
          else feasible.push(info);
        }
      }
      if (feasible.length > 0) {
        const host = selectHost(pod, scoreNodes(pod, feasible, infos));
        addPod(feasible.find((i) => i.name === host)!, pod);
        if (plan.delayed.length > 0) {
          this.assumed.set(pod.metadata.uid, host);
          for (const pvc of plan.delayed) this.selectNodeForClaim(pvc, host);
          return;
        }
        this.bind(pod, host);
        return;
      }
      const outcome = evaluatePreemption(pod, infos, statuses, this.priority, plan.filter);
      const message = fitErrorMessage({
        numNodes: infos.length,
        reasonsPerNode: [...statuses.values()].map((s) => s.reasons),
        ...(plan.preFilter ? { preFilterMessage: plan.preFilter } : {}),
        ...(outcome.kind === 'message' ? { postFilterMessage: outcome.message } : {}),
      });
      if (outcome.kind === 'preempt') {
        for (const victim of outcome.victims) this.preemptVictim(victim, pod, outcome.node);
        this.fail(pod, message, outcome.node);
      } else this.fail(pod, message);
    } catch (e) {
      // A conflicting write (the pod changed under us): try again on the next cycle.
      this.failures.set(pod.metadata.uid, { attempts: 1, at: this.ctx.clock.now(), generation: -1 });
      if (!(e instanceof Error && /Operation cannot be fulfilled|not found/.test(e.message))) throw e;
    }
  }

  private bind(pod: StoredObject, node: string): void {
    const current = this.ctx.store.get(this.r.pods.storage, pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== pod.metadata.uid || rec(current.spec).nodeName) return;
    const bound = bindPod(this.ctx, this.r, current, node);
    this.failures.delete(pod.metadata.uid);
    this.assumed.delete(pod.metadata.uid);
    this.events.emit({
      regarding: bound,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${current.metadata.namespace}/${current.metadata.name} to ${node}`,
      source: { component: 'default-scheduler' },
      newApi: { action: 'Binding', reportingInstance: this.options.instance },
    });
  }

  private fail(pod: StoredObject, message: string, nominated?: string): void {
    const prev = this.failures.get(pod.metadata.uid);
    this.failures.set(pod.metadata.uid, { attempts: (prev?.attempts ?? 0) + 1, at: this.ctx.clock.now(), generation: this.generation });
    this.events.emit({
      regarding: pod,
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      source: { component: 'default-scheduler' },
      newApi: { action: 'Scheduling', reportingInstance: this.options.instance },
    });
    markUnschedulable(this.ctx, this.r, pod, message, nominated);
  }

  private selectNodeForClaim(pvc: StoredObject, node: string): void {
    const annotations = strMap(pvc.metadata.annotations);
    if (annotations[SELECTED_NODE] === node) return;
    const next = { ...pvc, metadata: { ...pvc.metadata, annotations: { ...annotations, [SELECTED_NODE]: node } } };
    this.ctx.api.update(this.r.pvcs, pvc.metadata.namespace, pvc.metadata.name, next as KubeObject);
  }

  /** A victim gets DisruptionTarget, an event, and a graceful delete, as upstream's preemption does. */
  private preemptVictim(victim: StoredObject, preemptor: StoredObject, node: string): void {
    const schedulerName = str(rec(preemptor.spec).schedulerName) || 'default-scheduler';
    const status = withCondition(
      rec(victim.status),
      { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod` },
      this.ctx.clock.now(),
    );
    const updated = this.ctx.api.update(this.r.pods, victim.metadata.namespace, victim.metadata.name, { ...victim, status } as KubeObject, {
      subresource: 'status',
    }).object;
    this.events.emit({
      regarding: updated,
      type: 'Normal',
      reason: 'Preempted',
      message: `Preempted by pod ${preemptor.metadata.uid} on node ${node}`,
      source: { component: 'default-scheduler' },
      newApi: { action: 'Preempting', reportingInstance: this.options.instance },
    });
    this.ctx.api.delete(this.r.pods, victim.metadata.namespace, victim.metadata.name);
  }
}

function isTerminal(pod: StoredObject): boolean {
  const phase = str(rec(pod.status).phase);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Node changes that can make a pod fit: anything but the kubelet's heartbeats. */
function nodeShapeChanged(a: StoredObject, b: StoredObject): boolean {
  const shape = (n: StoredObject) => {
    const status = rec(n.status);
    const ready = (Array.isArray(status.conditions) ? status.conditions : []).find((c) => rec(c).type === 'Ready');
    return JSON.stringify([n.metadata.labels, n.spec, status.allocatable, rec(ready).status]);
  };
  return shape(a) !== shape(b);
}
