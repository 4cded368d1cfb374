/** One container as a stage subject: the facts its stages select on, and the actions they perform. */
import { formatTime } from '../../meta/time.ts';
import type { StoredObject } from '../../meta/types.ts';
import { goDuration } from '../go-duration.ts';
import { rec, str } from '../json.ts';
import { rngFor } from '../random.ts';
import type { Subject } from './engine.ts';
import { resolveEnv } from './environment.ts';
import { parseReference } from './images/reference.ts';
import type { NodeContext } from './node-context.ts';
import { listeningAt, outcome, startError } from './process.ts';
import { runProbe, untilNextProbe } from './container-probes.ts';
import { containerProbes } from './probes.ts';
import { buildRunInput, runDepsOf } from './run-input.ts';
import type { EventSpec } from './stage-set.ts';
import type { ContainerSim, PodSim, Terminated } from './sim-state.ts';

export const CONTAINER_FACTS = new Set([
  'phase', 'turn', 'name', 'pod.deleting', 'pod.ref', 'waitingReason', 'pendingState',
  'image', 'image.invalid', 'image.present', 'image.pullPolicy', 'image.mustPull', 'image.needsPull', 'image.size',
  'pull.backoffActive', 'pull.ok', 'pull.remaining', 'pull.error', 'pull.invalid', 'pull.durationText', 'pull.totalText',
  'config.error', 'start.error',
  'run.ends', 'run.remaining', 'run.startedAt', 'terminated',
  'restart.wanted', 'crash.backoffActive', 'crash.backoffText',
  'started', 'probe.startupPending', 'probe.startupNext', 'probe.readiness', 'probe.readinessNext', 'probe.liveness', 'probe.livenessNext',
  'probe.failed', 'probe.message', 'probe.kill', 'stop.remaining',
]);

export const CONTAINER_ACTIONS = new Set([
  'pull.reuse', 'pull.begin', 'pull.complete', 'pull.fail', 'container.create', 'run.startFailed', 'run.start', 'run.exit',
  'run.archive', 'restart.begin', 'run.settle', 'probe.startup', 'probe.readiness', 'probe.liveness', 'stop.begin', 'run.stop',
]);

/** The image pull policy API defaulting gives: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function pullPolicy(container: Record<string, unknown>): string {
  if (typeof container.imagePullPolicy === 'string' && container.imagePullPolicy) return container.imagePullPolicy;
  const image = str(container.image);
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export class ContainerSubject implements Subject {
  constructor(
    private readonly n: NodeContext,
    private readonly p: PodSim,
    private readonly c: ContainerSim,
    private readonly pod: () => StoredObject,
  ) {}

  get id(): string {
    return this.c.id;
  }
  get phase(): string {
    return this.c.phase;
  }
  set phase(v: string) {
    this.c.phase = v;
  }
  get dues() {
    return this.c.dues;
  }
  get fired() {
    return this.c.fired;
  }

  private now(): number {
    return this.n.ctx.clock.now();
  }

  private get image(): string {
    return str(this.c.spec.image);
  }

  private normalized(): string | undefined {
    try {
      return parseReference(this.image).normalized;
    } catch {
      return undefined;
    }
  }

  /** Init containers run one at a time after the sandbox; app containers once every init container is done. */
  private turn(): boolean {
    if (!this.p.sandbox) return false;
    const inits = this.p.containers.filter((x) => x.init);
    const before = this.c.init ? inits.slice(0, inits.indexOf(this.c)) : inits;
    return before.every((x) => (x.sidecar ? x.started : x.phase === 'Exited' && x.terminated?.exitCode === 0));
  }

  private finishedAt(): number | undefined {
    const t = this.c.terminated ?? this.c.lastTerminated;
    return t ? this.c.finishedAtMs ?? Date.parse(t.finishedAt) : undefined;
  }

  private restartWanted(): boolean {
    if (this.c.ephemeral) return false;
    if (this.c.sidecar) return true;
    const exit = (this.c.terminated ?? this.c.lastTerminated)?.exitCode ?? 0;
    const policy = str(rec(this.pod().spec).restartPolicy) || 'Always';
    if (this.c.init) return policy !== 'Never' && exit !== 0;
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return exit !== 0;
    return false;
  }

  fact(name: string): unknown {
    const c = this.c;
    const pod = this.pod();
    switch (name) {
      case 'phase':
        return c.phase;
      case 'turn':
        return this.turn();
      case 'name':
        return c.name;
      case 'pod.deleting':
        return Boolean(pod.metadata.deletionTimestamp);
      case 'pod.ref':
        return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      case 'waitingReason':
        return this.p.containers.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating';
      case 'pendingState':
        if (c.lastReason) return { waiting: c.lastReason };
        if (c.terminated) return { terminated: c.terminated };
        return { waiting: { reason: this.fact('waitingReason') } };
      case 'image':
        return this.image;
      case 'image.invalid': {
        const pulled = this.n.registries.pull(this.image);
        return !pulled.ok && pulled.invalid === true;
      }
      case 'pull.invalid': {
        const pulled = this.n.registries.pull(this.image);
        return !pulled.ok && pulled.invalid ? pulled.message : undefined;
      }
      case 'image.present': {
        const n = this.normalized();
        return n !== undefined && this.n.hasImage(n);
      }
      case 'image.pullPolicy':
        return pullPolicy(c.spec);
      case 'image.mustPull':
        return pullPolicy(c.spec) === 'Always';
      case 'image.needsPull':
        return pullPolicy(c.spec) !== 'Never' && (pullPolicy(c.spec) === 'Always' || !this.fact('image.present'));
      case 'image.size':
        return c.pull?.outcome.ok ? c.pull.outcome.image.size : c.image?.size;
      case 'pull.backoffActive':
        return c.pullBackoff.inBackOffSinceUpdate(this.now());
      case 'pull.ok':
        return c.pull?.outcome.ok === true;
      case 'pull.remaining':
        return c.pull ? c.pull.startedAt + c.pull.duration - this.now() : 0;
      case 'pull.error': {
        const o = c.pull?.outcome;
        return o && !o.ok && !o.invalid ? o.error : c.lastPullError;
      }
      case 'pull.durationText':
        return c.pull ? goDuration(c.pull.duration) : '';
      case 'pull.totalText':
        return c.pull ? goDuration(c.pull.duration + rngFor(this.n.o.seed, this.p.key, c.name, 'wait', c.restartCount).int(1, 40)) : '';
      case 'config.error':
        return resolveEnv(pod, c.spec, this.n.ctx.store, this.n.r).error;
      case 'start.error': {
        const input = this.runInput(this.now());
        return input ? startError(input) : undefined;
      }
      case 'run.ends':
        return c.run?.outcome.endsAt !== undefined;
      case 'run.remaining':
        return c.run && c.run.outcome.endsAt !== undefined ? c.run.startedAt + c.run.outcome.endsAt - this.now() : 0;
      case 'run.startedAt':
        return c.run ? formatTime(c.run.startedAt) : undefined;
      case 'terminated':
        return c.terminated;
      case 'restart.wanted':
        return this.restartWanted();
      case 'crash.backoffActive': {
        const f = this.finishedAt();
        return f !== undefined && c.crashBackoff.inBackOffSince(f, this.now());
      }
      case 'crash.backoffText':
        return goDuration(c.crashBackoff.duration ?? c.crashBackoff.initial);
      case 'started':
        return c.started;
      case 'probe.startupPending':
        return Boolean(c.run?.probes.startup) && !c.started && !c.probeKill;
      case 'probe.startupNext':
        return untilNextProbe(c, 'Startup', this.now());
      case 'probe.readiness':
        return Boolean(c.run?.probes.readiness);
      case 'probe.readinessNext':
        return untilNextProbe(c, 'Readiness', this.now());
      case 'probe.liveness':
        return Boolean(c.run?.probes.liveness) && !c.probeKill;
      case 'probe.livenessNext':
        return untilNextProbe(c, 'Liveness', this.now());
      case 'probe.failed':
        return c.lastProbe !== undefined && !c.lastProbe.ok;
      case 'probe.message':
        return c.lastProbe?.message ?? '';
      case 'probe.kill':
        return c.probeKill;
      case 'stop.remaining':
        return c.stopping ? c.stopping.at + c.stopping.delay - this.now() : 0;
      default:
        return undefined;
    }
  }

  private runInput(startedAt: number) {
    return buildRunInput(this.pod(), { container: this.c.spec, startedAt, attempt: this.c.restartCount, image: this.image, podIP: this.p.podIP ?? '' }, runDepsOf(this.n));
  }

  private terminate(exitCode: number, reason: string, startedAt: string, message?: string): Terminated {
    const now = this.now();
    this.c.finishedAtMs = now;
    return {
      containerID: `containerd://${this.c.containerId ?? ''}`,
      exitCode,
      finishedAt: formatTime(now),
      ...(message ? { message } : {}),
      reason,
      startedAt,
    };
  }

  act(action: string): void {
    const c = this.c;
    const now = this.now();
    const instance = c.restartCount + (c.restarting ? 1 : 0);
    const rng = (...parts: (string | number)[]) => rngFor(this.n.o.seed, this.p.key, c.name, instance, ...parts);
    switch (action) {
      case 'pull.reuse': {
        const pulled = this.n.registries.pull(this.image);
        if (pulled.ok) c.image = pulled.image;
        return;
      }
      case 'pull.begin': {
        const pulled = this.n.registries.pull(this.image);
        const r = rng('pull', c.pullBackoff.duration ?? 0);
        const duration = pulled.ok
          ? Math.round((r.int(250, 700) + (pulled.image.size / r.int(35, 80)) / 1000) * this.n.o.timeScale)
          : Math.round(r.int(300, 1400) * this.n.o.timeScale);
        c.pull = { outcome: pulled, startedAt: now, duration };
        return;
      }
      case 'pull.complete':
        if (c.pull?.outcome.ok) {
          c.image = c.pull.outcome.image;
          this.n.addImage(c.image);
        }
        return;
      case 'pull.fail': {
        const o = c.pull?.outcome;
        if (o && !o.ok && !o.invalid) c.lastPullError = o.error;
        c.pullBackoff.next(now, now);
        return;
      }
      case 'container.create':
        c.containerId = rng('container-id').hex(64);
        return;
      case 'run.startFailed': {
        this.replaceDeadInstance();
        const input = this.runInput(now);
        c.lastTerminated = this.terminate(128, 'StartError', '1970-01-01T00:00:00Z', input ? startError(input) : undefined);
        c.terminated = undefined;
        c.ready = false;
        c.started = false;
        return;
      }
      case 'run.start': {
        this.replaceDeadInstance();
        const input = this.runInput(now);
        if (!input) return;
        const probes = containerProbes(c.spec);
        const zero = () => ({ Readiness: -1, Liveness: -1, Startup: -1 });
        c.run = {
          input,
          startedAt: now,
          outcome: outcome(input),
          listeningAt: listeningAt(input),
          probes,
          lastTick: zero(),
          successes: { Readiness: 0, Liveness: 0, Startup: 0 },
          failures: { Readiness: 0, Liveness: 0, Startup: 0 },
        };
        c.terminated = undefined;
        c.lastReason = undefined;
        c.started = !probes.startup;
        c.ready = c.started && !probes.readiness;
        c.lastProbe = undefined;
        return;
      }
      case 'run.exit': {
        const o = c.run?.outcome;
        const code = o?.exitCode ?? 0;
        c.terminated = this.terminate(code, o?.oom ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error', formatTime(c.run?.startedAt ?? now));
        c.ready = false;
        c.started = false;
        return;
      }
      case 'run.archive':
        if (c.terminated) c.lastTerminated = c.terminated;
        c.terminated = undefined;
        return;
      case 'restart.begin': {
        const f = this.finishedAt() ?? now;
        c.crashBackoff.next(f, now);
        c.restarting = true;
        c.probeKill = undefined;
        c.stopping = undefined;
        c.run = undefined;
        c.pull = undefined;
        return;
      }
      case 'run.settle':
        c.terminated = c.lastTerminated;
        c.lastTerminated = undefined;
        return;
      case 'probe.startup':
      case 'probe.readiness':
      case 'probe.liveness':
        return runProbe(c, action === 'probe.startup' ? 'Startup' : action === 'probe.readiness' ? 'Readiness' : 'Liveness', now);
      case 'stop.begin': {
        const grace = Number(rec(this.pod().spec).terminationGracePeriodSeconds ?? 30);
        const deleting = Boolean(this.pod().metadata.deletionTimestamp);
        const cap = rng('stop').int(300, 1000);
        c.stopping = { reason: deleting ? 'deleted' : (c.probeKill ?? 'liveness'), at: now, delay: Math.round(Math.min(grace * 1000, cap) * this.n.o.timeScale) };
        return;
      }
      case 'run.stop': {
        const handled = c.image?.spec.stop === 'handled' && c.run?.listeningAt !== undefined;
        c.terminated = this.terminate(handled ? 0 : 137, handled ? 'Completed' : 'Error', formatTime(c.run?.startedAt ?? now));
        c.ready = false;
        c.started = false;
        c.stopping = undefined;
        return;
      }
    }
  }

  /** The new instance takes over from the dead one: it becomes lastState, and the restart is counted. */
  private replaceDeadInstance(): void {
    const c = this.c;
    if (!c.restarting) return;
    if (c.terminated) c.lastTerminated = c.terminated;
    c.terminated = undefined;
    c.restartCount++;
    c.restarting = false;
  }

  emit(event: EventSpec, render: (template: string) => string): void {
    const component = event.source ?? 'kubelet';
    this.n.events.emit({
      regarding: this.pod(),
      ...(component === 'kubelet' ? { fieldPath: `spec.${this.c.ephemeral ? 'ephemeralContainers' : this.c.init ? 'initContainers' : 'containers'}{${this.c.name}}` } : {}),
      type: event.type,
      reason: event.reason,
      message: render(event.message),
      source: component === 'kubelet' ? { component, host: this.n.nodeName } : { component },
    });
  }
}
