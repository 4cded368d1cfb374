/**
 * Test harness for the control loops: an EmulatedCluster on a ManualClock and a ManualDefer, helpers to
 * create objects, and stand-ins for what the scheduler and the simulated kubelet do (bind a pod, report it
 * running and ready, finish it, remove it after graceful deletion). Tests drive time explicitly.
 */
import { ManualClock } from '../clock.ts';
import { EmulatedCluster } from '../cluster.ts';
import { formatTime } from '../meta/time.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { createPatcher } from '../patch/patcher.ts';
import type { Strategies } from '../apiserver/pieces.ts';
import type { StoreEvent } from '../storage/object-store.ts';
import { TypedClient } from './shared/api.ts';
import { clone } from './shared/objects.ts';
import { defOf, sameKey, storageOf, type Kind } from './shared/resources.ts';
import type { Pod } from './shared/types.ts';
import type { Controller, ControllerContext } from './types.ts';
import { ManualDefer } from './work-queue.ts';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

const GENERATION_AND_STATUS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler']);
const STATUS_ONLY = new Set(['Pod', 'Namespace', 'Service', 'Node', 'PersistentVolumeClaim']);

/** What the registry strategies (written elsewhere) decide for these tests: generation tracking and status subresources. */
export const testStrategies: Strategies = {
  for: (d) => (GENERATION_AND_STATUS.has(d.kind) ? { tracksGeneration: true, statusSubresource: true } : STATUS_ONLY.has(d.kind) ? { statusSubresource: true } : {}),
};

export interface HarnessOptions {
  controllers: Controller[];
  start?: number;
  /** Remove pods as soon as they are marked for graceful deletion (a kubelet finishing at once). Default true. */
  reapTerminatingPods?: boolean;
  strategies?: Strategies;
  namespaces?: string[];
}

export class Harness {
  readonly clock: ManualClock;
  readonly defer = new ManualDefer();
  readonly cluster: EmulatedCluster;
  private ipSeq = 10;

  constructor(opts: HarnessOptions) {
    this.clock = new ManualClock(opts.start ?? T0);
    const controllers = [...opts.controllers];
    if (opts.reapTerminatingPods ?? true) controllers.push(podReaper);
    this.cluster = new EmulatedCluster({
      clock: this.clock,
      defer: this.defer.defer,
      controllers,
      patcher: createPatcher(),
      strategies: opts.strategies ?? testStrategies,
    });
    for (const ns of opts.namespaces ?? ['default']) this.namespace(ns);
    this.cluster.start();
    this.settle();
  }

  get api() {
    return this.cluster.api;
  }
  get store() {
    return this.cluster.store;
  }

  client<T extends StoredObject = StoredObject>(kind: Kind): TypedClient<T> {
    return new TypedClient<T>(this.cluster.api, this.cluster.store, defOf(this.cluster.registry, kind));
  }

  /** Runs every queued reconcile, and what they queue, until nothing is left. */
  settle(): void {
    this.defer.settle();
  }

  /** Moves the clock by `ms` in steps, letting controllers react after each step. */
  advance(ms: number, step = 1000): void {
    let left = ms;
    while (left > 0) {
      const d = Math.min(step, left);
      this.clock.advance(d);
      this.settle();
      left -= d;
    }
  }

  namespace(name: string): StoredObject {
    const existing = this.client('namespaces').get(undefined, name);
    if (existing) return existing;
    return this.client('namespaces').create(undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  create<T extends StoredObject = StoredObject>(kind: Kind, obj: KubeObject): T {
    const created = this.client<T>(kind).create(obj.metadata.namespace ?? (defOf(this.cluster.registry, kind).namespaced ? 'default' : undefined), obj);
    this.settle();
    return created;
  }

  get<T extends StoredObject = StoredObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
    return this.client<T>(kind).get(namespace, name);
  }

  list<T extends StoredObject = StoredObject>(kind: Kind, namespace?: string): T[] {
    return this.client<T>(kind).list(namespace);
  }

  /** Changes an object as a user would (a full update), then lets controllers react. */
  update<T extends StoredObject>(kind: Kind, obj: T, mutate: (o: T) => void): T {
    const updated = this.client<T>(kind).update(obj, mutate);
    this.settle();
    return updated;
  }

  pods(namespace = 'default', selector?: (p: Pod) => boolean): Pod[] {
    return this.list<Pod>('pods', namespace).filter((p) => (selector ? selector(p) : true));
  }

  /** Events in a namespace, oldest first, as `reason: message` (with `(xN)` when counted). */
  events(namespace = 'default', about?: string): string[] {
    return this.eventObjects(namespace, about).map((e) => `${e.reason}: ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`);
  }

  eventObjects(namespace = 'default', about?: string): (StoredObject & { reason: string; message: string; count?: number; involvedObject: { name: string; kind: string } })[] {
    type Ev = StoredObject & { reason: string; message: string; count?: number; involvedObject: { name: string; kind: string } };
    return (this.list<Ev>('events', namespace) as Ev[])
      .filter((e) => (about ? e.involvedObject.name === about : true))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  }

  /** Binds a pod to a node, as the scheduler does. */
  bindPod(pod: Pod, nodeName: string): Pod {
    const bound = this.client<Pod>('pods').update(pod, (p) => {
      p.spec = { ...(p.spec ?? {}), nodeName };
    });
    this.settle();
    return bound;
  }

  /** What scheduler + kubelet report for a healthy pod: bound, Running, Ready, an IP. */
  markPodRunningAndReady(pod: Pod, opts: { node?: string; ip?: string } = {}): Pod {
    let current = this.client<Pod>('pods').get(pod.metadata.namespace, pod.metadata.name) ?? pod;
    const node = current.spec?.nodeName ?? opts.node ?? targetNode(current) ?? 'node-1';
    if (!current.spec?.nodeName) current = this.bindPod(current, node);
    const now = formatTime(this.clock.now());
    const ip = opts.ip ?? `10.0.1.${this.ipSeq++}`;
    const status = {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      hostIP: '192.168.10.10',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      containerStatuses: (current.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: now } },
      })),
    };
    const updated = this.client<Pod>('pods').updateStatus(current, status);
    this.settle();
    return updated;
  }

  markAllPodsReady(namespace = 'default', filter?: (p: Pod) => boolean): void {
    for (const p of this.pods(namespace, filter)) {
      if (p.metadata.deletionTimestamp) continue;
      if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      this.markPodRunningAndReady(p);
    }
  }

  /** Running but not ready (a failing readiness probe). */
  markPodNotReady(pod: Pod): Pod {
    const current = this.client<Pod>('pods').get(pod.metadata.namespace, pod.metadata.name)!;
    const status = clone(current.status ?? {});
    const now = formatTime(this.clock.now());
    status.phase = status.phase ?? 'Running';
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== 'Ready');
    status.conditions.push({ type: 'Ready', status: 'False', lastTransitionTime: now });
    const updated = this.client<Pod>('pods').updateStatus(current, status);
    this.settle();
    return updated;
  }

  /** The pod's containers exited: Succeeded (exit 0) or Failed. */
  finishPod(pod: Pod, exitCode = 0): Pod {
    let current = this.client<Pod>('pods').get(pod.metadata.namespace, pod.metadata.name)!;
    if (!current.spec?.nodeName) current = this.bindPod(current, targetNode(current) ?? 'node-1');
    const now = formatTime(this.clock.now());
    const status = {
      ...(current.status ?? {}),
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: (current.spec?.containers ?? []).map((c) => ({
        name: c.name,
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: now } },
      })),
    };
    const updated = this.client<Pod>('pods').updateStatus(current, status);
    this.settle();
    return updated;
  }

  stop(): void {
    this.cluster.stop();
  }
}

export function harness(opts: HarnessOptions): Harness {
  return new Harness(opts);
}

/** The node a DaemonSet pod is pinned to through its required node affinity on metadata.name. */
export function targetNode(pod: Pod): string | undefined {
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** Stand-in for the kubelet's end of graceful deletion: a pod marked for deletion goes away at once. */
const podReaper: Controller = {
  name: 'test-pod-reaper',
  start(ctx: ControllerContext) {
    const pods = defOf(ctx.registry, 'pods');
    let stopped = false;
    const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
      if (e.type === 'DELETED' || !sameKey(e.key, storageOf('pods'))) return;
      const p = e.object;
      if (!p.metadata.deletionTimestamp || (p.metadata.deletionGracePeriodSeconds ?? 0) === 0) return;
      ctx.defer(() => {
        if (stopped) return;
        const current = ctx.store.get(pods.storage, p.metadata.namespace, p.metadata.name);
        if (!current || current.metadata.uid !== p.metadata.uid) return;
        try {
          ctx.api.delete(pods, p.metadata.namespace, p.metadata.name, { gracePeriodSeconds: 0 });
        } catch {
          // already gone
        }
      });
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  },
};

/** A minimal Deployment manifest. */
export function deploymentManifest(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
      ...extra,
    },
  };
}

/**
 * Stand-in for the namespace registry's deletion semantics (kube-apiserver's namespace REST storage),
 * which the bare ResourceApi lacks: deleting a namespace whose spec.finalizers is not empty sets
 * deletionTimestamp and phase Terminating; the namespace is removed once spec.finalizers and
 * metadata.finalizers are both empty. Installed on a harness's ResourceApi for namespace tests.
 */
export function emulateNamespaceRegistry(h: Harness): void {
  const api = h.api;
  const store = h.store;
  const originalDelete = api.delete.bind(api);
  const originalUpdate = api.update.bind(api);
  type Ns = StoredObject & { spec?: { finalizers?: string[] }; status?: Record<string, unknown> };
  api.delete = (def, namespace, name, opts) => {
    if (def.resource !== 'namespaces' || def.group !== '') return originalDelete(def, namespace, name, opts);
    const current = store.get(def.storage, undefined, name) as Ns | undefined;
    if (!current || !(current.spec?.finalizers ?? []).length) return originalDelete(def, namespace, name, opts);
    if (current.metadata.deletionTimestamp) return { object: current, deleted: false };
    const updated = store.update(def.storage, {
      ...current,
      metadata: { ...current.metadata, deletionTimestamp: formatTime(h.clock.now()), deletionGracePeriodSeconds: 0 },
      status: { ...(current.status ?? {}), phase: 'Terminating' },
    });
    return { object: updated, deleted: false };
  };
  api.update = (def, namespace, name, body, opts) => {
    if (def.resource !== 'namespaces' || def.group !== '') return originalUpdate(def, namespace, name, body, opts);
    const current = store.get(def.storage, undefined, name) as Ns | undefined;
    if (!current?.metadata.deletionTimestamp) return originalUpdate(def, namespace, name, body, opts);
    const incoming = body as Ns;
    const next: Ns =
      opts?.subresource === 'status'
        ? { ...current, status: incoming.status ?? {} }
        : opts?.subresource === 'finalize'
          ? { ...current, spec: { ...(current.spec ?? {}), finalizers: incoming.spec?.finalizers ?? [] } }
          : { ...current, metadata: { ...current.metadata, finalizers: incoming.metadata.finalizers ?? [] } };
    if (!(next.spec?.finalizers ?? []).length && !(next.metadata.finalizers ?? []).length) {
      return { object: store.remove(def.storage, undefined, name), warnings: [], created: false };
    }
    return { object: store.update(def.storage, { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } }), warnings: [], created: false };
  };
}
