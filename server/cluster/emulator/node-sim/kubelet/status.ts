/**
 * The pod status the kubelet reports, computed from its simulation: phase (upstream's getPhase), the
 * PodReadyToStartContainers / Initialized / Ready / ContainersReady conditions with their reasons and
 * transition times, container statuses rendered from the stage data, IPs, QoS class and start time.
 */
import { formatTime } from '../../meta/time.ts';
import type { StoredObject } from '../../meta/types.ts';
import { list, rec, str, type Json } from '../json.ts';
import { qosClass } from '../pod-resources.ts';
import type { ContainerSim, PodSim } from './sim-state.ts';

const RUNNING = new Set(['Running', 'Stopping']);

const exitCodeOf = (c: ContainerSim) => c.terminated?.exitCode ?? 0;
const initDone = (c: ContainerSim) => (c.sidecar ? c.started : c.phase === 'Exited' && exitCodeOf(c) === 0);

/** Upstream's getPhase, over the simulated containers; terminal phases are final. */
export function podPhase(pod: StoredObject, p: PodSim): string {
  const current = str(rec(pod.status).phase);
  if (current === 'Succeeded' || current === 'Failed') return current;
  const policy = str(rec(pod.spec).restartPolicy) || 'Always';
  const inits = p.containers.filter((c) => c.init);
  const apps = p.containers.filter((c) => !c.init && !c.ephemeral);
  const initFailed = inits.some((c) => !c.sidecar && c.phase === 'Exited' && exitCodeOf(c) !== 0);
  if (initFailed && policy === 'Never') return 'Failed';
  const pendingInit = inits.some((c) => !initDone(c));
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  let waiting = 0;
  for (const c of apps) {
    if (RUNNING.has(c.phase)) running++;
    else if (c.phase === 'Exited') {
      stopped++;
      if (exitCodeOf(c) === 0) succeeded++;
    } else if (c.terminated || c.lastTerminated) {
      stopped++;
      if (c.terminated && exitCodeOf(c) === 0 && !c.lastTerminated) succeeded++;
    } else waiting++;
  }
  if (pendingInit && running === 0 && stopped === 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(p: PodSim, now: number, type: string, status: 'True' | 'False', reason?: string, message?: string): Json {
  const known = p.conditionTimes.get(type);
  const time = known && known.status === status ? known.time : formatTime(now);
  p.conditionTimes.set(type, { status, time });
  return { lastProbeTime: null, lastTransitionTime: time, ...(message ? { message } : {}), ...(reason ? { reason } : {}), status, type };
}

function conditions(pod: StoredObject, p: PodSim, phase: string, now: number): Json[] {
  const terminalReason = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : undefined;
  const inits = p.containers.filter((c) => c.init);
  const incomplete = inits.filter((c) => !initDone(c)).map((c) => c.name);
  const unready = p.containers.filter((c) => !c.ephemeral && (!c.init || c.sidecar) && !c.ready).map((c) => c.name);
  const out: Json[] = [condition(p, now, 'PodReadyToStartContainers', p.sandbox ? 'True' : 'False')];
  if (phase === 'Succeeded') out.push(condition(p, now, 'Initialized', 'True', 'PodCompleted'));
  else if (incomplete.length) out.push(condition(p, now, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`));
  else out.push(condition(p, now, 'Initialized', 'True'));
  const containersReady = terminalReason
    ? condition(p, now, 'ContainersReady', 'False', terminalReason)
    : unready.length
      ? condition(p, now, 'ContainersReady', 'False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`)
      : condition(p, now, 'ContainersReady', 'True');
  const existing = list(rec(pod.status).conditions);
  const gates = list(rec(pod.spec).readinessGates).map((g) => str(g.conditionType));
  const missingGate = gates.find((g) => existing.find((c) => c.type === g)?.status !== 'True');
  let ready: Json;
  if (terminalReason) ready = condition(p, now, 'Ready', 'False', terminalReason);
  else if (unready.length) ready = condition(p, now, 'Ready', 'False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
  else if (missingGate) ready = condition(p, now, 'Ready', 'False', 'ReadinessGatesNotReady', `corresponding condition of pod readiness gate "${missingGate}" does not exist.`);
  else ready = condition(p, now, 'Ready', 'True');
  out.push(ready, containersReady);
  const mine = new Set(out.map((c) => c.type));
  return [...out, ...existing.filter((c) => !mine.has(str(c.type)))];
}

function volumeMounts(spec: Json): Json[] | undefined {
  const mounts = list(spec.volumeMounts);
  if (!mounts.length) return undefined;
  return mounts.map((m) => ({
    mountPath: m.mountPath,
    name: m.name,
    ...(m.readOnly === true ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}

/**
 * While a first container is still being set up (pulled, then created and started within one kubelet sync),
 * the status shows only what the pod spec says: the runtime's image reference and IDs appear with the
 * first status that reports the container running or finished, as a real kubelet's does.
 */
function settingUp(c: ContainerSim, state: unknown): boolean {
  if (c.lastTerminated) return false;
  return state === undefined || rec(rec(state).waiting).reason === 'ContainerCreating';
}

export function containerStatus(c: ContainerSim, state: unknown): Json {
  const early = settingUp(c, state);
  const id = early ? undefined : (c.containerId ?? c.lastTerminated?.containerID?.replace(/^containerd:\/\//, ''));
  const mounts = volumeMounts(c.spec);
  return {
    ...(id ? { containerID: `containerd://${id}` } : {}),
    image: c.image && !early ? c.image.statusImage : str(c.spec.image),
    imageID: c.image && !early && (c.containerId || c.lastTerminated) ? c.image.imageId : '',
    lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    name: c.name,
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.started,
    state: state ?? { waiting: { reason: 'ContainerCreating' } },
    ...(mounts ? { volumeMounts: mounts } : {}),
  };
}

export function podStatus(pod: StoredObject, p: PodSim, states: Map<ContainerSim, unknown>, now: number): Json {
  const phase = podPhase(pod, p);
  const statuses = (init: boolean, ephemeral = false) =>
    p.containers.filter((c) => c.init === init && Boolean(c.ephemeral) === ephemeral).map((c) => containerStatus(c, states.get(c)));
  const inits = statuses(true);
  const ephemerals = statuses(false, true);
  const status = rec(pod.status);
  return {
    ...(status.nominatedNodeName ? { nominatedNodeName: status.nominatedNodeName } : {}),
    conditions: conditions(pod, p, phase, now),
    containerStatuses: statuses(false),
    ...(ephemerals.length ? { ephemeralContainerStatuses: ephemerals } : {}),
    ...(p.hostIP ? { hostIP: p.hostIP, hostIPs: [{ ip: p.hostIP }] } : {}),
    ...(inits.length ? { initContainerStatuses: inits } : {}),
    phase,
    ...(p.podIP ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
    qosClass: qosClass(pod),
    ...(p.startTime !== undefined ? { startTime: formatTime(p.startTime) } : {}),
  };
}
