/**
 * The simulated kubelets of every node of the cluster: each pod bound to a node is driven through the
 * lifecycle stages (stages/*.yaml) on the injected clock, and the kubelet reports the pod's status, its
 * events, and the node's pulled images, as a real kubelet would.
 */
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { WorkQueue } from '../../controllers/work-queue.ts';
import { ApiError } from '../../meta/errors.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { list, rec, str } from '../json.ts';
import type { ResolvedOptions } from '../options.ts';
import { simResources } from '../resources.ts';
import { adoptPod, newContainer } from './adopt.ts';
import { CONTAINER_ACTIONS, CONTAINER_FACTS, ContainerSubject } from './container-subject.ts';
import { StageEngine, type Subject } from './engine.ts';
import { Registries, type ResolvedImage } from './images/catalogue.ts';
import { hasImage, nodeImage, withImage, type NodeImage } from './images/node-images.ts';
import type { NodeContext } from './node-context.ts';
import { allocatePodIP } from './pod-ips.ts';
import { POD_ACTIONS, POD_FACTS, PodSubject } from './pod-subject.ts';
import type { ContainerSim, PodSim } from './sim-state.ts';
import { loadStageSet, type StageSet } from './stage-set.ts';
import { podStatus } from './status.ts';

const stage = (f: string) => new URL(`./stages/${f}`, import.meta.url);

export function podStages(): StageSet {
  return loadStageSet([stage('pod.yaml')], POD_FACTS, POD_ACTIONS);
}

export function containerStages(): StageSet {
  return loadStageSet(['states.yaml', 'image.yaml', 'start.yaml', 'exit.yaml', 'probes.yaml', 'stop.yaml'].map(stage), CONTAINER_FACTS, CONTAINER_ACTIONS);
}

/** Nodes whose kubelet is down (`stopNode`): their pods are frozen and their leases not renewed. */
export type StoppedNodes = Set<string>;

const IMAGE_STATUS_DELAY_MS = 10_000;
const ERROR_PHASES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'ConfigError', 'RunError', 'CrashLoopBackOff']);
const MAX_TRANSITIONS = 200;

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private ctx!: ControllerContext;
  private nodes = new Map<string, NodeContext & { images: NodeImage[]; imageTimer?: () => void }>();
  private readonly sims = new Map<string, PodSim>();
  private queue!: WorkQueue;
  private podEngine!: StageEngine;
  private containerEngine!: StageEngine;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly stopped: StoppedNodes,
  ) {}

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.podEngine = new StageEngine(podStages(), this.o.seed, this.o.timeScale);
    this.containerEngine = new StageEngine(containerStages(), this.o.seed, this.o.timeScale);
    this.queue = new WorkQueue((key) => this.sync(key), ctx.defer, ctx.clock);
    const unsubscribe = ctx.store.subscribe((e) => this.observe(e));
    for (const pod of ctx.store.list({ group: '', resource: 'pods' })) if (str(rec(pod.spec).nodeName)) this.queue.add(this.keyOf(pod));
    return () => {
      unsubscribe();
      this.queue.stop();
      for (const p of this.sims.values()) p.timer?.();
      for (const n of this.nodes.values()) n.imageTimer?.();
      this.sims.clear();
    };
  }

  /**
   * A container's main process ended outside the simulation's own schedule: the shell a learner attached to
   * (`kubectl run -it … -- sh`, then `exit`) returned `exitCode`. The container terminates with it, then
   * restarts or not as the pod's restart policy says.
   */
  mainProcessExited(namespace: string, podName: string, container: string, exitCode: number): void {
    const key = `${namespace}/${podName}`;
    const c = this.sims.get(key)?.containers.find((x) => x.name === container);
    if (!c?.run || c.phase !== 'Running') return;
    c.run.outcome = { endsAt: Math.max(0, this.ctx.clock.now() - c.run.startedAt), exitCode };
    this.queue.add(key);
  }

  /** Called when a stopped node comes back: its pods are looked at again. */
  resync(node: string): void {
    for (const pod of this.ctx.store.list({ group: '', resource: 'pods' })) {
      if (str(rec(pod.spec).nodeName) === node) this.queue.add(this.keyOf(pod));
    }
  }

  private keyOf(pod: StoredObject): string {
    return `${pod.metadata.namespace}/${pod.metadata.name}`;
  }

  private observe(e: StoreEvent): void {
    const resource = e.key.resource;
    if (e.key.group === '' && resource === 'pods') {
      if (str(rec(e.object.spec).nodeName)) this.queue.add(this.keyOf(e.object));
      return;
    }
    if (e.key.group === '' && ['configmaps', 'secrets', 'persistentvolumeclaims'].includes(resource)) {
      // Pods waiting on a missing ConfigMap/Secret or an unbound claim are looked at again.
      for (const p of this.sims.values()) if (p.namespace === e.object.metadata.namespace) this.queue.add(p.key);
      return;
    }
    if (e.key.group === '' && resource === 'nodes' && e.type === 'DELETED') {
      this.nodes.get(e.object.metadata.name)?.imageTimer?.();
      this.nodes.delete(e.object.metadata.name);
    }
  }

  private nodeContext(nodeName: string): (NodeContext & { images: NodeImage[]; imageTimer?: () => void }) | undefined {
    const known = this.nodes.get(nodeName);
    if (known) return known;
    const r = simResources(this.ctx);
    const node = this.ctx.store.get(r.nodes.storage, undefined, nodeName);
    if (!node) return undefined;
    const region = str(node.metadata.labels?.['topology.kubernetes.io/region']) || this.o.region;
    const registries = new Registries({ accountId: this.o.accountId, region, dnsResolver: this.o.dnsResolver, ecr: this.o.ecr });
    const self = {
      ctx: this.ctx,
      r,
      o: this.o,
      registries,
      events: this.o.events(this.ctx),
      nodeName,
      images: list(rec(node.status).images).map((i) => ({ names: (Array.isArray(i.names) ? i.names : []).map(str), sizeBytes: Number(i.sizeBytes) || 0 })),
      node: () => this.ctx.store.get(r.nodes.storage, undefined, nodeName),
      hasImage: (normalized: string) => hasImage(self.images, normalized),
      addImage: (image: ResolvedImage) => this.addImage(self, image),
      allocatePodIP: (pod: StoredObject) => allocatePodIP(this.ctx.store, pod, self.node() ?? node, this.o.seed),
      hostIP: () => str(list(rec(self.node()?.status).addresses).find((a) => a.type === 'InternalIP')?.address),
    } as NodeContext & { images: NodeImage[]; imageTimer?: () => void };
    this.nodes.set(nodeName, self);
    return self;
  }

  /** A pulled image joins the node's list; the node status is updated a little later, as the kubelet's status loop does. */
  private addImage(n: NodeContext & { images: NodeImage[]; imageTimer?: () => void }, image: ResolvedImage): void {
    if (hasImage(n.images, image.statusImage)) return;
    n.images = withImage(n.images, nodeImage(image));
    if (n.imageTimer) return;
    n.imageTimer = this.ctx.clock.setTimeout(() => {
      n.imageTimer = undefined;
      const node = n.node();
      if (!node || this.stopped.has(n.nodeName)) return;
      try {
        this.ctx.api.update(n.r.nodes, undefined, n.nodeName, { ...node, status: { ...rec(node.status), images: n.images } } as KubeObject, { subresource: 'status' });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }, IMAGE_STATUS_DELAY_MS * this.o.timeScale);
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const r = simResources(this.ctx);
    const pod = this.ctx.store.get(r.pods.storage, namespace, name);
    const existing = this.sims.get(key);
    if (!pod || (existing && existing.uid !== pod.metadata.uid)) {
      existing?.timer?.();
      if (existing) this.lastPods.delete(existing.uid);
      this.sims.delete(key);
      if (!pod) return;
    }
    const nodeName = str(rec(pod.spec).nodeName);
    if (!nodeName || this.stopped.has(nodeName)) {
      this.sims.get(key)?.timer?.();
      return;
    }
    const n = this.nodeContext(nodeName);
    if (!n) return;
    let p = this.sims.get(key);
    if (!p) {
      const status = rec(pod.status);
      if ((status.phase === 'Succeeded' || status.phase === 'Failed') && !pod.metadata.deletionTimestamp) return;
      p = adoptPod(n, pod);
      p.lastStatus = JSON.stringify(pod.status ?? {});
      this.sims.set(key, p);
    }
    this.applySpecChanges(n, p, pod);
    this.evaluate(n, p);
  }

  /** A changed container (a new image) is stopped and restarted, as the kubelet does when the spec hash changes. */
  private applySpecChanges(n: NodeContext, p: PodSim, pod: StoredObject): void {
    const spec = rec(pod.spec);
    const wanted = [...list(spec.initContainers).map((c) => ({ c, init: true })), ...list(spec.containers).map((c) => ({ c, init: false }))];
    // Ephemeral containers (kubectl debug) join a pod once and are never changed.
    for (const c of list(spec.ephemeralContainers)) {
      if (!p.containers.some((x) => x.name === c.name)) p.containers.push(newContainer(n, c, false, true));
    }
    for (const { c, init } of wanted) {
      const sim = p.containers.find((x) => x.name === c.name && x.init === init && !x.ephemeral);
      if (!sim) {
        p.containers.push(newContainer(n, c, init));
        continue;
      }
      if (JSON.stringify(sim.spec) === JSON.stringify(c)) continue;
      const imageChanged = sim.spec.image !== c.image;
      sim.spec = c;
      if (!imageChanged) continue;
      if (sim.phase === 'Running') {
        n.events.emit({
          regarding: pod,
          fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${sim.name}}`,
          type: 'Normal',
          reason: 'Killing',
          message: `Container ${sim.name} definition changed, will be restarted`,
          source: { component: 'kubelet', host: n.nodeName },
        });
        sim.probeKill = undefined;
        sim.stopping = { reason: 'liveness', at: this.ctx.clock.now(), delay: 500 * this.o.timeScale };
        sim.phase = 'Stopping';
      } else if (['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'CrashLoopBackOff', 'CrashCheck'].includes(sim.phase)) {
        sim.phase = 'New';
        sim.pull = undefined;
      }
      sim.dues.clear();
    }
  }

  private subjects(n: NodeContext, p: PodSim): { pod: Subject; containers: [ContainerSim, ContainerSubject][] } {
    const current = () => this.ctx.store.get(n.r.pods.storage, p.namespace, p.name) ?? this.lastSeen(p);
    return { pod: new PodSubject(n, p, current), containers: p.containers.map((c) => [c, new ContainerSubject(n, p, c, current)]) };
  }

  private readonly lastPods = new Map<string, StoredObject>();
  private lastSeen(p: PodSim): StoredObject {
    return this.lastPods.get(p.uid)!;
  }

  /** Fires every stage that is due, writes the status if it changed, and sets the next wake-up. */
  private evaluate(n: NodeContext, p: PodSim): void {
    p.timer?.();
    p.timer = undefined;
    const live = this.ctx.store.get(n.r.pods.storage, p.namespace, p.name);
    if (!live || live.metadata.uid !== p.uid || p.gone) return;
    this.lastPods.set(p.uid, live);
    const { pod, containers } = this.subjects(n, p);
    const now = this.ctx.clock.now();
    for (let i = 0; i < MAX_TRANSITIONS; i++) {
      this.podEngine.plan(pod, now);
      for (const [, s] of containers) this.containerEngine.plan(s, now);
      let best: { s: Subject; engine: StageEngine; stage: ReturnType<StageEngine['earliest']> } | undefined;
      const consider = (s: Subject, engine: StageEngine) => {
        const e = engine.earliest(s);
        if (e && e.at <= now && (!best || e.at < best.stage!.at)) best = { s, engine, stage: e };
      };
      consider(pod, this.podEngine);
      for (const [, s] of containers) consider(s, this.containerEngine);
      if (!best) break;
      best.engine.fire(best.s, best.stage!.stage);
      if (best.s instanceof ContainerSubject) this.rememberReason(best.s, containers);
      if (p.gone) {
        this.sims.delete(p.key);
        this.lastPods.delete(p.uid);
        return;
      }
    }
    this.writeStatus(n, p, containers);
    let next = Infinity;
    const earliest = (s: Subject, engine: StageEngine) => {
      const e = engine.earliest(s);
      if (e) next = Math.min(next, e.at);
    };
    earliest(pod, this.podEngine);
    for (const [, s] of containers) earliest(s, this.containerEngine);
    if (Number.isFinite(next)) {
      p.timer = this.ctx.clock.setTimeout(() => {
        p.timer = undefined;
        if (this.stopped.has(p.node)) return;
        this.evaluate(n, p);
      }, Math.max(0, next - this.ctx.clock.now()));
    }
  }

  /** A sync that ends in an error leaves its reason in the kubelet's reason cache. */
  private rememberReason(s: ContainerSubject, containers: [ContainerSim, ContainerSubject][]): void {
    const c = containers.find(([, x]) => x === s)?.[0];
    if (!c || !ERROR_PHASES.has(c.phase)) return;
    const state = this.containerEngine.state(s) as { waiting?: { reason: string; message?: string } } | undefined;
    if (state?.waiting) c.lastReason = state.waiting;
  }

  private writeStatus(n: NodeContext, p: PodSim, containers: [ContainerSim, ContainerSubject][]): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      const pod = this.ctx.store.get(n.r.pods.storage, p.namespace, p.name);
      if (!pod || pod.metadata.uid !== p.uid) return;
      const states = new Map(containers.map(([c, s]) => [c, this.containerEngine.state(s)]));
      const status = podStatus(pod, p, states, this.ctx.clock.now());
      const json = JSON.stringify(status);
      if (json === p.lastStatus || json === JSON.stringify(pod.status ?? {})) {
        p.lastStatus = json;
        return;
      }
      try {
        this.ctx.api.update(n.r.pods, p.namespace, p.name, { ...pod, status } as KubeObject, { subresource: 'status' });
        p.lastStatus = json;
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 409) {
          if (e instanceof ApiError && e.code === 404) return;
          throw e;
        }
      }
    }
  }
}
