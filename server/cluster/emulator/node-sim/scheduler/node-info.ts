/** The scheduler's view of each node: what it offers and what the pods bound to it already request. */
import type { StoredObject } from '../../meta/types.ts';
import { list, rec, str } from '../json.ts';
import { emptyResources, podRequests, type Resources } from '../pod-resources.ts';
import { amount, milliCpu } from '../quantity.ts';

export interface NodeInfo {
  node: StoredObject;
  name: string;
  allocatable: Resources & { pods: number };
  requested: Resources;
  nonZeroRequested: Resources;
  pods: StoredObject[];
  /** `protocol/hostIP/port` of host ports in use. */
  usedPorts: Set<string>;
}

export function allocatableOf(node: StoredObject): Resources & { pods: number } {
  const status = rec(node.status);
  const alloc = Object.keys(rec(status.allocatable)).length ? rec(status.allocatable) : rec(status.capacity);
  const r: Resources & { pods: number } = { ...emptyResources(), pods: 0 };
  for (const [name, value] of Object.entries(alloc)) {
    if (name === 'cpu') r.milliCpu = milliCpu(value);
    else if (name === 'memory') r.memory = amount(value);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = amount(value);
    else if (name === 'pods') r.pods = amount(value);
    else r.scalar[name] = amount(value);
  }
  return r;
}

const terminal = (pod: StoredObject) => {
  const phase = str(rec(pod.status).phase);
  return phase === 'Succeeded' || phase === 'Failed';
};

export function hostPorts(pod: StoredObject): string[] {
  const ports: string[] = [];
  for (const c of [...list(rec(pod.spec).initContainers), ...list(rec(pod.spec).containers)]) {
    for (const p of list(c.ports)) {
      const hostPort = Number(p.hostPort) || 0;
      if (hostPort > 0) ports.push(`${str(p.protocol) || 'TCP'}/${str(p.hostIP) || '0.0.0.0'}/${hostPort}`);
    }
  }
  return ports;
}

function addTo(a: Resources, b: Resources, sign: 1 | -1): void {
  a.milliCpu += sign * b.milliCpu;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  for (const [k, v] of Object.entries(b.scalar)) a.scalar[k] = (a.scalar[k] ?? 0) + sign * v;
}

export function addPod(info: NodeInfo, pod: StoredObject): void {
  info.pods.push(pod);
  addTo(info.requested, podRequests(pod), 1);
  addTo(info.nonZeroRequested, podRequests(pod, true), 1);
  for (const p of hostPorts(pod)) info.usedPorts.add(p);
}

export function removePod(info: NodeInfo, pod: StoredObject): void {
  const i = info.pods.findIndex((p) => p.metadata.uid === pod.metadata.uid);
  if (i < 0) return;
  info.pods.splice(i, 1);
  addTo(info.requested, podRequests(pod), -1);
  addTo(info.nonZeroRequested, podRequests(pod, true), -1);
  for (const p of hostPorts(pod)) info.usedPorts.delete(p);
}

export function cloneInfo(info: NodeInfo): NodeInfo {
  return {
    ...info,
    requested: { ...info.requested, scalar: { ...info.requested.scalar } },
    nonZeroRequested: { ...info.nonZeroRequested, scalar: { ...info.nonZeroRequested.scalar } },
    pods: [...info.pods],
    usedPorts: new Set(info.usedPorts),
  };
}

/**
 * Node infos for every node, with the non-terminal pods bound to it plus the pods the scheduler has
 * assumed onto it (chosen, waiting for their volumes before binding).
 */
export function buildSnapshot(nodes: StoredObject[], pods: StoredObject[], assumed: Map<string, string>): NodeInfo[] {
  const byName = new Map<string, NodeInfo>();
  for (const node of nodes) {
    byName.set(node.metadata.name, {
      node,
      name: node.metadata.name,
      allocatable: allocatableOf(node),
      requested: emptyResources(),
      nonZeroRequested: emptyResources(),
      pods: [],
      usedPorts: new Set(),
    });
  }
  for (const pod of pods) {
    const nodeName = str(rec(pod.spec).nodeName) || assumed.get(pod.metadata.uid);
    if (!nodeName || terminal(pod)) continue;
    const info = byName.get(nodeName);
    if (info) addPod(info, pod);
  }
  return [...byName.values()];
}
