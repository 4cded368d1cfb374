/** What a pod asks of a node: requests as the scheduler sums them, and the QoS class the kubelet reports. */
import { list, rec, type Json } from './json.ts';
import { amount, milliCpu } from './quantity.ts';

export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (nvidia.com/gpu, hugepages-2Mi…) in base units. */
  scalar: Record<string, number>;
}


export const emptyResources = (): Resources => ({ milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} });

/** A container's requests; a resource with only a limit requests its limit, as API defaulting does. */
export function containerRequests(container: Json): Resources {
  const resources = rec(container.resources);
  const requests = { ...rec(resources.limits), ...rec(resources.requests) };
  const r = emptyResources();
  for (const [name, value] of Object.entries(requests)) {
    if (name === 'cpu') r.milliCpu = milliCpu(value);
    else if (name === 'memory') r.memory = amount(value);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = amount(value);
    else r.scalar[name] = amount(value);
  }
  return r;
}

function add(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage, scalar };
}

function max(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return {
    milliCpu: Math.max(a.milliCpu, b.milliCpu),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    scalar,
  };
}

/**
 * The pod's effective request: the sum over app containers and restartable (sidecar) init containers,
 * or the largest single init container plus the sidecars started before it, whichever is larger; plus overhead.
 * `nonZero` applies the scheduler's scoring defaults (100m CPU, 200Mi memory) to containers that request none.
 */
export function podRequests(pod: Json, nonZero = false): Resources {
  const spec = rec(pod.spec);
  const adjust = (r: Resources): Resources =>
    nonZero ? { ...r, milliCpu: r.milliCpu || 100, memory: r.memory || 200 * 1024 * 1024 } : r;
  let sum = emptyResources();
  for (const c of list(spec.containers)) sum = add(sum, adjust(containerRequests(c)));
  let sidecars = emptyResources();
  let initMax = emptyResources();
  for (const c of list(spec.initContainers)) {
    const r = adjust(containerRequests(c));
    if (c.restartPolicy === 'Always') {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(sidecars, r));
    }
  }
  let total = max(add(sum, sidecars), initMax);
  const overhead = rec(spec.overhead);
  if (Object.keys(overhead).length > 0) total = add(total, containerRequests({ resources: { requests: overhead } }));
  return total;
}

/** `status.qosClass`: Guaranteed, Burstable or BestEffort, from requests and limits of cpu and memory. */
export function qosClass(pod: Json): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = rec(pod.spec);
  const containers = [...list(spec.initContainers), ...list(spec.containers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const resources = rec(c.resources);
    const limits = rec(resources.limits);
    const requests = { ...limits, ...rec(resources.requests) };
    for (const name of ['cpu', 'memory']) {
      if (requests[name] !== undefined && amountOf(name, requests[name]) > 0) any = true;
      if (limits[name] !== undefined && amountOf(name, limits[name]) > 0) any = true;
      if (limits[name] === undefined || amountOf(name, limits[name]) !== amountOf(name, requests[name])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const amountOf = (name: string, v: unknown) => (name === 'cpu' ? milliCpu(v) : amount(v));

/** Priority of a pod: `spec.priority` as admission set it, else from its class name, else 0. */
export function podPriority(pod: Json, classValue: (name: string) => number | undefined): number {
  const spec = rec(pod.spec);
  if (typeof spec.priority === 'number') return spec.priority;
  const name = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  if (name === 'system-node-critical') return 2_000_001_000;
  if (name === 'system-cluster-critical') return 2_000_000_000;
  return (name && classValue(name)) || 0;
}
