/**
 * Everything that decides what one run of a container does, rebuilt from the pod, its status and the cluster:
 * the kubelet uses it to start a container and the log source to replay the container's output. Nothing about
 * a run is kept in memory, so logs survive a restart of the process.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { list, rec, str, type Json } from '../json.ts';
import { amount, milliCpu } from '../quantity.ts';
import type { SimResources } from '../resources.ts';
import { DEFAULT_KERNEL_RELEASE } from '../kernel.ts';
import { containerFiles, resolveEnv } from './environment.ts';
import type { Registries } from './images/catalogue.ts';
import type { ProcessNetworkHook } from '../options.ts';
import type { NodeContext } from './node-context.ts';
import type { RunInput } from './process.ts';

export interface RunDeps {
  store: ObjectStore;
  r: SimResources;
  registries: Registries;
  seed: string;
  network?: ProcessNetworkHook;
}

/** What a kubelet of the simulation builds run inputs with. */
export function runDepsOf(n: Pick<NodeContext, 'ctx' | 'r' | 'registries' | 'o'>): RunDeps {
  return { store: n.ctx.store, r: n.r, registries: n.registries, seed: n.o.seed, ...(n.o.processNetwork ? { network: n.o.processNetwork } : {}) };
}

export function containerSpec(pod: StoredObject, name: string): { spec: Json; init: boolean } | undefined {
  const spec = rec(pod.spec);
  const init = list(spec.initContainers).find((c) => c.name === name);
  if (init) return { spec: init, init: true };
  const app = list(spec.containers).find((c) => c.name === name) ?? list(spec.ephemeralContainers).find((c) => c.name === name);
  return app ? { spec: app, init: false } : undefined;
}

export function containerStatus(pod: StoredObject, name: string): Json | undefined {
  const status = rec(pod.status);
  return [...list(status.initContainerStatuses), ...list(status.containerStatuses), ...list(status.ephemeralContainerStatuses)].find((c) => c.name === name);
}

export const runSeed = (seed: string, pod: StoredObject, container: string, attempt: number) =>
  `${seed}|${pod.metadata.namespace}/${pod.metadata.name}|${container}|${attempt}`;

export interface RunParams {
  container: Json;
  startedAt: number;
  attempt: number;
  /** Image reference as the pod names it (or as the status reports it). */
  image: string;
  podIP: string;
}

export function buildRunInput(pod: StoredObject, p: RunParams, deps: RunDeps): RunInput | undefined {
  const pulled = deps.registries.pull(p.image);
  if (!pulled.ok) return undefined;
  const node = deps.store.get(deps.r.nodes.storage, undefined, str(rec(pod.spec).nodeName));
  const nodeStatus = rec(node?.status);
  const nodeIP = list(nodeStatus.addresses).find((a) => a.type === 'InternalIP')?.address;
  const withIp = { ...pod, status: { ...rec(pod.status), podIP: p.podIP } } as StoredObject;
  const limits = rec(rec(p.container.resources).limits);
  return {
    container: p.container,
    image: pulled.image,
    env: resolveEnv(withIp, p.container, deps.store, deps.r).env,
    files: containerFiles(withIp, p.container, deps.store, deps.r),
    podName: str(rec(pod.spec).hostname) || pod.metadata.name,
    podIP: p.podIP,
    nodeIP: str(nodeIP),
    vcpu: Math.max(1, Math.round(milliCpu(rec(nodeStatus.capacity).cpu) / 1000) || 2),
    kernel: str(rec(nodeStatus.nodeInfo).kernelVersion) || DEFAULT_KERNEL_RELEASE,
    startedAt: p.startedAt,
    probeEpoch: Math.floor((Date.parse(str(rec(pod.status).startTime)) || p.startedAt) / 1000) * 1000,
    ...(limits.memory !== undefined ? { memoryLimit: amount(limits.memory) } : {}),
    seed: runSeed(deps.seed, pod, str(p.container.name), p.attempt),
    ...(deps.network ? { network: (argv: string[]) => deps.network!(withIp, str(p.container.name), argv) } : {}),
  };
}

export interface RunRecord {
  input: RunInput;
  /** Epoch ms the run ended, when it has. */
  finishedAt?: number;
}

/**
 * The run `kubectl logs` reads: the running or last terminated instance, or with `previous` the one before.
 * Attempt numbers follow restartCount: while a container waits to be restarted its last run is attempt
 * `restartCount`; once restarted, the previous run is `restartCount - 1`.
 */
export function runFromStatus(pod: StoredObject, name: string, which: 'current' | 'previous', deps: RunDeps): RunRecord | undefined {
  const spec = containerSpec(pod, name);
  const status = containerStatus(pod, name);
  if (!spec || !status) return undefined;
  const state = rec(status.state);
  const last = rec(rec(status.lastState).terminated);
  const restarts = Number(status.restartCount) || 0;
  const podIP = str(rec(pod.status).podIP);
  const image = str(spec.spec.image);
  let startedAt: string;
  let finishedAt: string | undefined;
  let attempt: number;
  if (which === 'current' && state.running) {
    startedAt = str(rec(state.running).startedAt);
    attempt = restarts;
  } else if (which === 'current' && state.terminated && str(rec(state.terminated).startedAt)) {
    startedAt = str(rec(state.terminated).startedAt);
    finishedAt = str(rec(state.terminated).finishedAt);
    attempt = restarts;
  } else if (last.startedAt) {
    startedAt = str(last.startedAt);
    finishedAt = str(last.finishedAt);
    attempt = state.waiting ? restarts : restarts - 1;
  } else return undefined;
  const input = buildRunInput(pod, { container: spec.spec, startedAt: Date.parse(startedAt), attempt, image, podIP }, deps);
  if (!input) return undefined;
  // Status times have whole seconds: the run may have gone on until the end of its last second.
  return { input, ...(finishedAt ? { finishedAt: Date.parse(finishedAt) + 999 } : {}) };
}
