/**
 * A kubelet that starts (or restarts with the process) finds pods already on its node: their simulation is
 * rebuilt from the status they report, so running containers keep running and waiting ones keep waiting.
 */
import type { StoredObject } from '../../meta/types.ts';
import { list, rec, str, type Json } from '../json.ts';
import { Backoff } from './backoff.ts';
import { outcome, listeningAt } from './process.ts';
import { containerProbes } from './probes.ts';
import { buildRunInput, runDepsOf } from './run-input.ts';
import type { NodeContext } from './node-context.ts';
import type { ContainerSim, PodSim, Terminated } from './sim-state.ts';

const WAITING_PHASES: Record<string, string> = {
  CrashLoopBackOff: 'CrashLoopBackOff',
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImagePull: 'ErrImagePull',
  CreateContainerConfigError: 'ConfigError',
  RunContainerError: 'RunError',
  InvalidImageName: 'InvalidImageName',
  ErrImageNeverPull: 'ErrImageNeverPull',
};

export function newContainer(n: NodeContext, spec: Json, init: boolean, ephemeral = false): ContainerSim {
  const scale = n.o.timeScale;
  return {
    id: `container:${str(spec.name)}`,
    name: str(spec.name),
    init,
    ...(ephemeral ? { ephemeral } : {}),
    sidecar: init && spec.restartPolicy === 'Always',
    spec,
    phase: 'New',
    dues: new Map(),
    fired: new Map(),
    restartCount: 0,
    ready: false,
    started: false,
    crashBackoff: new Backoff(10_000 * scale, 300_000 * scale),
    pullBackoff: new Backoff(10_000 * scale, 300_000 * scale),
  };
}

export function newPod(pod: StoredObject, node: string): PodSim {
  return {
    key: `${pod.metadata.namespace}/${pod.metadata.name}`,
    uid: pod.metadata.uid,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    node,
    phase: 'New',
    dues: new Map(),
    fired: new Map(),
    containers: [],
    sandbox: false,
    attached: new Set(),
    justAttached: [],
    mountFailures: 0,
    conditionTimes: new Map(),
    gone: false,
  };
}

const ms = (v: unknown) => Date.parse(str(v)) || 0;

function adoptContainer(n: NodeContext, pod: StoredObject, p: PodSim, c: ContainerSim, cs: Json): void {
  const state = rec(cs.state);
  c.restartCount = Number(cs.restartCount) || 0;
  c.ready = cs.ready === true;
  c.started = cs.started === true;
  const last = rec(rec(cs.lastState).terminated);
  if (last.finishedAt) c.lastTerminated = last as unknown as Terminated;
  if (str(cs.imageID)) {
    const pulled = n.registries.pull(str(c.spec.image));
    if (pulled.ok) c.image = pulled.image;
  }
  const id = str(cs.containerID).replace(/^containerd:\/\//, '');
  if (state.running) {
    const startedAt = ms(rec(state.running).startedAt);
    const input = buildRunInput(pod, { container: c.spec, startedAt, attempt: c.restartCount, image: str(c.spec.image), podIP: p.podIP ?? '' }, runDepsOf(n));
    c.phase = 'Running';
    c.containerId = id;
    if (input) {
      const zero = () => ({ Readiness: -1, Liveness: -1, Startup: -1 });
      c.run = { input, startedAt, outcome: outcome(input), listeningAt: listeningAt(input), probes: containerProbes(c.spec), lastTick: zero(), successes: { Readiness: c.ready ? 1 : 0, Liveness: 0, Startup: c.started ? 1 : 0 }, failures: { Readiness: 0, Liveness: 0, Startup: 0 } };
    }
  } else if (state.terminated) {
    c.phase = 'Exited';
    c.containerId = id;
    c.terminated = rec(state.terminated) as unknown as Terminated;
    c.finishedAtMs = ms(c.terminated.finishedAt);
  } else {
    const reason = str(rec(state.waiting).reason);
    c.phase = WAITING_PHASES[reason] ?? 'New';
    if (c.lastTerminated) c.finishedAtMs = ms(c.lastTerminated.finishedAt);
    if (reason === 'CrashLoopBackOff') {
      const m = /back-off (?:(\d+)m)?(\d+)s/.exec(str(rec(state.waiting).message));
      c.crashBackoff.duration = m ? (Number(m[1] ?? 0) * 60 + Number(m[2])) * 1000 * n.o.timeScale : c.crashBackoff.initial;
      c.crashBackoff.lastUpdate = c.finishedAtMs ?? n.ctx.clock.now();
    }
    if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull') {
      c.pullBackoff.duration = c.pullBackoff.initial;
      c.pullBackoff.lastUpdate = n.ctx.clock.now();
      const msg = str(rec(state.waiting).message);
      c.lastPullError = reason === 'ErrImagePull' ? msg : msg.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '');
    }
  }
}

/** A simulation for a pod the kubelet has not seen in this process, continuing from its reported status. */
export function adoptPod(n: NodeContext, pod: StoredObject): PodSim {
  const p = newPod(pod, n.nodeName);
  const spec = rec(pod.spec);
  p.containers = [
    ...list(spec.initContainers).map((c) => newContainer(n, c, true)),
    ...list(spec.containers).map((c) => newContainer(n, c, false)),
    ...list(spec.ephemeralContainers).map((c) => newContainer(n, c, false, true)),
  ];
  const status = rec(pod.status);
  const statuses = [...list(status.initContainerStatuses), ...list(status.containerStatuses), ...list(status.ephemeralContainerStatuses)];
  if (!status.startTime && statuses.length === 0) return p;
  p.startTime = ms(status.startTime) || n.ctx.clock.now();
  p.hostIP = str(status.hostIP) || n.hostIP();
  if (status.podIP) p.podIP = str(status.podIP);
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  const ready = list(status.conditions).find((c) => c.type === 'PodReadyToStartContainers');
  p.sandbox = !terminal && (ready ? ready.status === 'True' : Boolean(p.podIP));
  p.phase = p.sandbox ? 'Running' : terminal ? 'Done' : 'Admitted';
  for (const cond of list(status.conditions)) p.conditionTimes.set(str(cond.type), { status: str(cond.status), time: str(cond.lastTransitionTime) });
  for (const c of p.containers) {
    const cs = statuses.find((s) => s.name === c.name);
    if (cs) adoptContainer(n, pod, p, c, cs);
  }
  return p;
}
